//! The BFS frontier: states found but not yet expanded, whole or, with
//! `Options::compact_frontier`, as the bytes of the model's [`StateCodec`]
//! (a third of the size or less for the TCP model).

use std::borrow::Cow;

use super::StateCodec;

/// A sequence of states, whole or encoded.
pub(crate) struct States<S> {
    codec: Option<StateCodec<S>>,
    whole: Vec<S>,
    bytes: Vec<u8>,
    /// End of each state's bytes in `bytes`.
    ends: Vec<usize>,
}

/// One state taken from [`States`]: whole, or its bytes.
pub(crate) enum Item<'a, S> {
    Whole(S),
    Bytes(&'a [u8]),
}

impl<S> Default for States<S> {
    fn default() -> Self {
        States::new(None)
    }
}

impl<S> States<S> {
    /// No states; `codec` says how they will be kept.
    pub fn new(codec: Option<StateCodec<S>>) -> Self {
        States {
            codec,
            whole: Vec::new(),
            bytes: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// Keeps states the way `codec` says (buffers are kept for reuse).
    pub fn set_codec(&mut self, codec: Option<StateCodec<S>>) {
        self.clear();
        self.codec = codec;
    }

    /// Number of states.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        match self.codec {
            Some(_) => self.ends.len(),
            None => self.whole.len(),
        }
    }

    /// Removes every state, keeping the buffers.
    pub fn clear(&mut self) {
        self.whole.clear();
        self.bytes.clear();
        self.ends.clear();
    }

    /// Appends a state (encoded, with a codec).
    pub fn push(&mut self, state: S) {
        match self.codec {
            Some(codec) => {
                (codec.encode)(&state, &mut self.bytes);
                self.ends.push(self.bytes.len());
            }
            None => self.whole.push(state),
        }
    }

    /// Appends a state taken from another `States` with the same codec.
    pub fn push_item(&mut self, item: Item<'_, S>) {
        match item {
            Item::Whole(state) => self.whole.push(state),
            Item::Bytes(bytes) => {
                self.bytes.extend_from_slice(bytes);
                self.ends.push(self.bytes.len());
            }
        }
    }

    /// The state at position `i`.
    pub fn get(&self, i: usize) -> Cow<'_, S>
    where
        S: Clone,
    {
        match self.codec {
            Some(codec) => Cow::Owned((codec.decode)(self.bytes_of(i))),
            None => Cow::Borrowed(&self.whole[i]),
        }
    }

    fn bytes_of(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    /// Takes the states out in order; the buffers stay for reuse (bytes are
    /// only cleared by [`clear`](Self::clear)).
    pub fn drain(&mut self) -> impl Iterator<Item = Item<'_, S>> {
        let encoded = self.codec.is_some();
        let (whole, bytes, ends) = (&mut self.whole, &self.bytes, &self.ends);
        let mut start = 0;
        let encoded_items = ends.iter().filter(move |_| encoded).map(move |&end| {
            let item = Item::Bytes(&bytes[start..end]);
            start = end;
            item
        });
        whole.drain(..).map(Item::Whole).chain(encoded_items)
    }
}

/// States per chunk of a [`Level`].
const CHUNK: usize = 4096;

/// A BFS level: states with their indices in the graph, in chunks, so that
/// the chunks already expanded can be freed while the next level grows:
/// at the peak, one level and a half are kept instead of two.
pub(crate) struct Level<S> {
    pub ids: Vec<u32>,
    chunks: Vec<States<S>>,
    /// Chunks freed from the front.
    released: usize,
    codec: Option<StateCodec<S>>,
}

impl<S> Level<S> {
    pub fn new(codec: Option<StateCodec<S>>) -> Self {
        Level {
            ids: Vec::new(),
            chunks: Vec::new(),
            released: 0,
            codec,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn clear(&mut self) {
        self.ids.clear();
        self.chunks.clear();
        self.released = 0;
    }

    /// How states are kept.
    pub fn codec(&self) -> Option<StateCodec<S>> {
        self.codec
    }

    /// Appends the state with index `id`.
    pub fn push(&mut self, id: u32, state: Item<'_, S>) {
        if self.ids.len().is_multiple_of(CHUNK) {
            self.chunks.push(States::new(self.codec));
        }
        self.ids.push(id);
        self.chunks.last_mut().expect("a chunk").push_item(state);
    }

    /// The state at position `i` (not released).
    pub fn get(&self, i: usize) -> Cow<'_, S>
    where
        S: Clone,
    {
        assert!(i / CHUNK >= self.released, "state {i} was released");
        self.chunks[i / CHUNK].get(i % CHUNK)
    }

    /// Frees the chunks that hold only states before position `i`.
    pub fn release_before(&mut self, i: usize) {
        while self.released < i / CHUNK {
            self.chunks[self.released] = States::new(self.codec);
            self.released += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codec() -> StateCodec<u32> {
        StateCodec {
            // The bytes up to the highest non-zero one: 1 to 4 of them.
            encode: |s, out| {
                let len = (4 - s.leading_zeros() as usize / 8).max(1);
                out.extend_from_slice(&s.to_le_bytes()[..len]);
            },
            decode: |b| {
                let mut word = [0; 4];
                word[..b.len()].copy_from_slice(b);
                u32::from_le_bytes(word)
            },
        }
    }

    #[test]
    fn states_come_back_whole_or_encoded_in_order() {
        for codec in [None, Some(codec())] {
            let mut a = States::new(codec);
            // Values whose encodings have lengths 1 to 4.
            let values = [0u32, 1, 2, 3, 0x100 + 1, 0x20000 + 2, 0x0300_0003];
            for v in values {
                a.push(v);
            }
            assert_eq!(a.len(), values.len());
            for (i, v) in values.iter().enumerate() {
                assert_eq!(*a.get(i), *v);
            }
            let mut b = States::new(codec);
            for item in a.drain() {
                b.push_item(item);
            }
            let back: Vec<u32> = (0..b.len()).map(|i| *b.get(i)).collect();
            assert_eq!(back, values);
        }
    }

    #[test]
    fn a_level_frees_whole_chunks_only() {
        for codec in [None, Some(codec())] {
            let mut level = Level::new(codec);
            let n = 3 * CHUNK as u32 + 5;
            let mut one = States::new(codec);
            for i in 0..n {
                one.push(i);
                let item = one.drain().next().expect("one");
                level.push(i + 1, item);
                one.clear();
            }
            level.release_before(2 * CHUNK - 1);
            assert_eq!(level.released, 1);
            for i in CHUNK..n as usize {
                assert_eq!(*level.get(i), i as u32);
                assert_eq!(level.ids[i], i as u32 + 1);
            }
            level.release_before(n as usize);
            assert_eq!(level.released, 3);
            assert_eq!(*level.get(n as usize - 1), n - 1);
        }
    }
}
