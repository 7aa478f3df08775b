//! The BFS frontier: states found but not yet expanded, whole or, with
//! `Options::compact_frontier`, as the bytes of the model's [`StateCodec`]
//! (a third of the size or less for the TCP model).

use std::borrow::Cow;

use super::spill::{SpillFile, Spilled};
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

    /// Makes room for `additional` whole states (nothing with a codec: the
    /// bytes' length is not known).
    fn reserve(&mut self, additional: usize) {
        if self.codec.is_none() {
            self.whole.reserve(additional);
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

/// Chunks at the front of a level kept in memory as it is built (it is read
/// from the front); the others are moved to a temporary file as they fill
/// (whole states only), and read back just before they are expanded. With
/// the TCP model's 400-byte states this is 1.6 MB a level.
pub(crate) const RESIDENT_CHUNKS: usize = 1;

/// A chunk of a level: its states and their indices in the graph, in
/// memory or moved to the level's file.
enum Chunk<S> {
    Resident(States<S>, Vec<u32>),
    Spilled(Spilled, Spilled),
}

impl<S> Chunk<S> {
    fn empty(codec: Option<StateCodec<S>>) -> Self {
        Chunk::Resident(States::new(codec), Vec::new())
    }
}

/// A BFS level: states with their indices in the graph, in chunks, so that
/// the chunks already expanded can be freed while the next level grows,
/// and the chunks not needed soon can wait on disk ([`SpillFile`]): at the
/// peak, a few chunks are in memory whatever the size of the level.
pub(crate) struct Level<S> {
    /// States in the level.
    len: usize,
    chunks: Vec<Chunk<S>>,
    /// Chunks freed from the front.
    released: usize,
    codec: Option<StateCodec<S>>,
    /// Where chunks beyond the first [`RESIDENT_CHUNKS`] go, once opened;
    /// `None` also if it could not be (then they stay in memory).
    file: Option<SpillFile>,
    /// The file could not be created or written: stop trying.
    no_file: bool,
    /// Chunks spilled to the file, over the level's whole life.
    pub spilled_chunks: usize,
    /// Emptied chunks' buffers, for the next chunks: a new chunk's buffer
    /// grew by doubling, copying its states again on the way, and its
    /// pages came fresh from the system.
    spare: Vec<(States<S>, Vec<u32>)>,
}

/// Emptied chunks kept for reuse, at most: one spilled while one is read
/// back is the most a level needs at once.
const SPARE_CHUNKS: usize = 2;

impl<S> Level<S> {
    pub fn new(codec: Option<StateCodec<S>>) -> Self {
        Level {
            len: 0,
            chunks: Vec::new(),
            released: 0,
            codec,
            file: None,
            no_file: false,
            spilled_chunks: 0,
            spare: Vec::new(),
        }
    }

    /// An empty chunk in memory, with room for [`CHUNK`] states.
    fn fresh_chunk(&mut self) -> Chunk<S> {
        let (mut states, mut ids) = self
            .spare
            .pop()
            .unwrap_or_else(|| (States::new(self.codec), Vec::new()));
        states.reserve(CHUNK);
        ids.reserve(CHUNK);
        Chunk::Resident(states, ids)
    }

    /// Keeps the buffers of `chunk` for a later one, its states dropped.
    fn recycle(&mut self, chunk: Chunk<S>) {
        if let Chunk::Resident(mut states, mut ids) = chunk {
            if self.spare.len() < SPARE_CHUNKS {
                states.clear();
                ids.clear();
                self.spare.push((states, ids));
            }
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn clear(&mut self) {
        self.len = 0;
        // Chunks still in the file own what their states own: read back
        // and dropped (only when exploration stopped before expanding them).
        for chunk in self.chunks.drain(..) {
            if let (Chunk::Spilled(spilled, _), Some(file)) = (chunk, &self.file) {
                if std::mem::needs_drop::<S>() {
                    let mut states: Vec<S> = Vec::new();
                    file.read(spilled, &mut states)
                        .expect("cannot read back the BFS frontier from its temporary file");
                }
            }
        }
        if let Some(file) = &mut self.file {
            if file.bytes() > 0 && file.truncate().is_err() {
                self.file = None;
            }
        }
        self.released = 0;
    }

    /// How states are kept.
    pub fn codec(&self) -> Option<StateCodec<S>> {
        self.codec
    }

    /// Appends the state with index `id`.
    pub fn push(&mut self, id: u32, state: Item<'_, S>) {
        if self.len.is_multiple_of(CHUNK) {
            self.spill_last();
            let chunk = self.fresh_chunk();
            self.chunks.push(chunk);
        }
        self.len += 1;
        match self.chunks.last_mut() {
            Some(Chunk::Resident(states, ids)) => {
                states.push_item(state);
                ids.push(id);
            }
            _ => unreachable!("the last chunk is in memory"),
        }
    }

    /// Moves the last chunk (full) to the file, unless it is among the
    /// first ones or the states are encoded (already small).
    fn spill_last(&mut self) {
        if self.chunks.len() <= RESIDENT_CHUNKS || self.codec.is_some() || self.no_file {
            return;
        }
        if self.file.is_none() {
            match SpillFile::create() {
                Ok(file) => self.file = Some(file),
                Err(_) => {
                    self.no_file = true;
                    return;
                }
            }
        }
        let file = self.file.as_mut().expect("opened above");
        let Some(Chunk::Resident(states, ids)) = self.chunks.last_mut() else {
            return;
        };
        let spilled = file
            .write(&mut states.whole)
            .and_then(|spilled| match file.write(ids) {
                Ok(spilled_ids) => Ok((spilled, spilled_ids)),
                Err(e) => {
                    // The states come back: the chunk stays in memory whole.
                    file.read(spilled, &mut states.whole)?;
                    Err(e)
                }
            });
        match spilled {
            Ok((states, ids)) => {
                let emptied = std::mem::replace(
                    self.chunks.last_mut().expect("a chunk"),
                    Chunk::Spilled(states, ids),
                );
                self.recycle(emptied);
                self.spilled_chunks += 1;
            }
            // A full disk: this and later chunks stay in memory.
            Err(_) => self.no_file = true,
        }
    }

    /// Brings back into memory the chunks holding positions before `end`.
    pub fn load_before(&mut self, end: usize) {
        for k in self.released..end.div_ceil(CHUNK) {
            if matches!(self.chunks[k], Chunk::Spilled(..)) {
                let fresh = self.fresh_chunk();
                let chunk = &mut self.chunks[k];
                let Chunk::Spilled(spilled, spilled_ids) = std::mem::replace(chunk, fresh) else {
                    unreachable!()
                };
                let Chunk::Resident(states, ids) = chunk else {
                    unreachable!()
                };
                let file = self.file.as_ref().expect("a spilled chunk has a file");
                file.read(spilled, &mut states.whole)
                    .and_then(|()| file.read(spilled_ids, ids))
                    .expect("cannot read back the BFS frontier from its temporary file");
            }
        }
    }

    /// The state at position `i` (not released, and loaded).
    pub fn get(&self, i: usize) -> Cow<'_, S>
    where
        S: Clone,
    {
        assert!(i / CHUNK >= self.released, "state {i} was released");
        match &self.chunks[i / CHUNK] {
            Chunk::Resident(states, _) => states.get(i % CHUNK),
            Chunk::Spilled(..) => panic!("state {i} was not loaded"),
        }
    }

    /// The graph index of the state at position `i` (not released, and
    /// loaded).
    pub fn id(&self, i: usize) -> u32 {
        match &self.chunks[i / CHUNK] {
            Chunk::Resident(_, ids) => ids[i % CHUNK],
            Chunk::Spilled(..) => panic!("state {i} was not loaded"),
        }
    }

    /// Frees the chunks that hold only states before position `i`.
    pub fn release_before(&mut self, i: usize) {
        while self.released < i / CHUNK {
            let done = std::mem::replace(&mut self.chunks[self.released], Chunk::empty(self.codec));
            self.recycle(done);
            self.released += 1;
        }
    }
}

impl<S> Drop for Level<S> {
    fn drop(&mut self) {
        self.clear();
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
            level.load_before(n as usize);
            for i in CHUNK..n as usize {
                assert_eq!(*level.get(i), i as u32);
                assert_eq!(level.id(i), i as u32 + 1);
            }
            level.release_before(n as usize);
            assert_eq!(level.released, 3);
            assert_eq!(*level.get(n as usize - 1), n - 1);
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_large_level_waits_on_disk_and_comes_back_in_order() {
        let mut level = Level::new(None);
        let n = (RESIDENT_CHUNKS + 3) * CHUNK + 7;
        let mut one = States::new(None);
        for i in 0..n {
            one.push(vec![i as u32; i % 3]);
            let item = one.drain().next().expect("one");
            level.push(i as u32, item);
            one.clear();
        }
        assert_eq!(
            level.spilled_chunks, 3,
            "the full chunks past the first few"
        );
        for start in (0..n).step_by(1000) {
            let end = (start + 1000).min(n);
            level.load_before(end);
            for i in start..end {
                assert_eq!(*level.get(i), vec![i as u32; i % 3]);
            }
            level.release_before(end);
        }
        // A level dropped with chunks still on disk frees what they own.
        let mut level = Level::new(None);
        for i in 0..n {
            one.push(vec![i as u32; 2]);
            let item = one.drain().next().expect("one");
            level.push(i as u32, item);
            one.clear();
        }
        drop(level);
    }
}
