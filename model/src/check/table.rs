//! The fingerprint table: fingerprint -> state index, read by the threads
//! that expand states while the merging thread inserts.
//!
//! Two parts. Every state's full 64-bit fingerprint, in index order (`fps`:
//! 8 bytes a state, no slack). And an open-addressing table with linear
//! probing whose slots are one word: the high half of a fingerprint (a tag)
//! beside the index + 1. A lookup probes from the slot the fingerprint's low
//! bits name, compares tags, and on a match confirms the whole fingerprint
//! in `fps`: 8 bytes a slot instead of 16 for a key and a value, at the
//! price of a second cache miss on a hit. Growing rebuilds the slots from
//! `fps`, read in order, after the old slots are freed: the old and new
//! tables are never held at once.
//!
//! One thread inserts (the merge, which alone assigns indices); any number
//! look up at the same time. A reader that misses an entry being inserted
//! just reports the successor as possibly new, and the merge finds it: the
//! race costs work, never correctness. Growing needs `&mut self`, so it only
//! happens while nobody reads.

use std::sync::atomic::{AtomicU64, Ordering};

/// Marks an empty slot: a stored slot's low half is an index + 1, never 0.
const EMPTY: u64 = 0;

/// The slot of index `index` under a fingerprint's tag.
fn slot_of(fp: u64, index: u32) -> u64 {
    (fp & !0xffff_ffff) | (u64::from(index) + 1)
}

/// Whether slot `s` (not empty) may hold fingerprint `fp`.
fn same_tag(s: u64, fp: u64) -> bool {
    (s ^ fp) >> 32 == 0
}

/// The index stored in slot `s` (not empty).
fn index_of(s: u64) -> u32 {
    (s as u32) - 1
}

/// Fingerprint -> index, for one writer and many readers.
pub(crate) struct FpTable {
    slots: Box<[AtomicU64]>,
    /// Entries stored (only the writer changes it).
    len: AtomicU64,
    /// Fingerprint of each index; its length is brought up to `len` by
    /// `&mut self` methods, and `insert` writes past it, within its
    /// capacity, through `fps_at`.
    fps: Vec<u64>,
    /// `fps`'s buffer, for writes and reads through `&self`.
    fps_at: *mut u64,
}

// SAFETY: `fps_at` points into `fps`, owned by the table. Through `&self`,
// the one inserting thread writes only the element at `len` (not yet
// published: no reader looks at it), and readers read only elements whose
// slot they loaded with Acquire after the writer stored it with Release.
unsafe impl Sync for FpTable {}
// SAFETY: the pointer is into memory the table owns.
unsafe impl Send for FpTable {}

impl Default for FpTable {
    fn default() -> Self {
        FpTable::with_slots(1 << 10)
    }
}

/// `slots` empty slots, in zeroed memory straight from the system: the
/// kernel hands out zeroed pages anyway, so nothing is written here, and
/// pages are only touched when entries land on them.
fn empty_slots(slots: usize) -> Box<[AtomicU64]> {
    assert!(slots > 0 && slots <= 1 << 32, "a table of {slots} slots");
    let layout = std::alloc::Layout::array::<AtomicU64>(slots).expect("table too large");
    // SAFETY: `layout` has a non-zero size (asserted).
    let memory = unsafe { std::alloc::alloc_zeroed(layout) }.cast::<AtomicU64>();
    if memory.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    // SAFETY: `memory` holds `slots` zeroed atomics, allocated with the
    // layout a `Box<[AtomicU64]>` of that length frees with.
    unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(memory, slots)) }
}

/// Slots for `entries` after a growth: a load of 16/25, so that growing
/// (at 4/5) multiplies the size by 1.25. Linear probing stays short up to
/// 4/5 (about 3 probes to find an entry, 13 to miss); growing by a quarter
/// rather than doubling keeps the load between 0.64 and 0.8 instead of
/// 0.4 and 0.8, for five rebuilds' work instead of two (each a pass over
/// the fingerprints: 2% of a check's time).
fn slots_for(entries: usize) -> usize {
    (entries * 25 / 16).max(1 << 10)
}

impl FpTable {
    fn with_slots(slots: usize) -> Self {
        let mut fps = Vec::new();
        FpTable {
            slots: empty_slots(slots),
            len: AtomicU64::new(0),
            fps_at: fps.as_mut_ptr(),
            fps,
        }
    }

    /// Entries stored.
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Relaxed) as usize
    }

    /// Memory the next growth will add, if it is near (the load is above
    /// 3/4): the new slots less the old ones, freed first.
    pub fn growth_ahead(&self) -> usize {
        if self.len() * 4 > self.slots.len() * 3 {
            (slots_for(self.len()) - self.slots.len()) * std::mem::size_of::<AtomicU64>()
        } else {
            0
        }
    }

    /// The slot where probing for `fp` starts: its low half scaled to the
    /// table (any size, not only powers of two: the table grows by half
    /// again, not double). The high half is the tag: the two are
    /// independent.
    #[inline]
    fn home(&self, fp: u64) -> usize {
        ((fp & 0xffff_ffff) * self.slots.len() as u64 >> 32) as usize
    }

    /// The slot after `slot`, round the end.
    #[inline]
    fn after(&self, slot: usize) -> usize {
        if slot + 1 == self.slots.len() {
            0
        } else {
            slot + 1
        }
    }

    /// The fingerprint of `index`, which a slot loaded with Acquire named.
    #[inline]
    fn fp_of(&self, index: u32) -> u64 {
        // SAFETY: see `unsafe impl Sync`: the element was written before
        // its slot was published, and is within the buffer.
        unsafe { *self.fps_at.add(index as usize) }
    }

    /// The index stored for `fp`, if any (possibly not yet for an entry the
    /// writer is inserting right now).
    #[inline]
    pub fn get(&self, fp: u64) -> Option<u32> {
        let mut slot = self.home(fp);
        loop {
            // Acquire: the fingerprint was stored before the slot.
            match self.slots[slot].load(Ordering::Acquire) {
                EMPTY => return None,
                s if same_tag(s, fp) && self.fp_of(index_of(s)) == fp => {
                    return Some(index_of(s));
                }
                _ => slot = self.after(slot),
            }
        }
    }

    /// Starts loading the cache line where `fp` would be, without waiting
    /// for it: a lookup misses the cache almost always (the table is far
    /// larger than it), so the expansion asks for all successors' lines
    /// first and looks them up after.
    #[inline]
    pub fn prefetch(&self, fp: u64) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let slot: *const AtomicU64 = &self.slots[self.home(fp)];
            // SAFETY: a prefetch is a hint; it reads nothing the program
            // sees, and the address is that of a live slot.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(slot.cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = fp;
    }

    /// Stores `fp` under the next index, `index` (the number of entries),
    /// unless `fp` is there: then returns the index stored. Only one thread
    /// may insert at a time; call [`reserve`](Self::reserve) first so the
    /// table never fills.
    #[inline]
    pub fn insert(&self, fp: u64, index: u32) -> Result<(), u32> {
        let len = self.len.load(Ordering::Relaxed);
        let mut slot = self.home(fp);
        loop {
            match self.slots[slot].load(Ordering::Relaxed) {
                EMPTY => {
                    assert_eq!(u64::from(index), len, "indices are given in order");
                    assert!(
                        (len as usize) < self.fps.capacity()
                            && (len as usize + 1) * 5 <= self.slots.len() * 4,
                        "fingerprint table overfull: reserve() was not called"
                    );
                    // SAFETY: within `fps`'s capacity (asserted), and no
                    // reader looks at this element before the slot below
                    // is published.
                    unsafe { self.fps_at.add(index as usize).write(fp) };
                    self.slots[slot].store(slot_of(fp, index), Ordering::Release);
                    self.len.store(len + 1, Ordering::Relaxed);
                    return Ok(());
                }
                s if same_tag(s, fp) && self.fp_of(index_of(s)) == fp => {
                    return Err(index_of(s));
                }
                _ => slot = self.after(slot),
            }
        }
    }

    /// Brings `fps`'s length up to the entries inserted through `&self`.
    fn sync_fps(&mut self) {
        let len = self.len();
        // SAFETY: elements up to `len` were written by `insert`, within the
        // capacity.
        unsafe { self.fps.set_len(len) };
    }

    /// Makes room for `additional` more entries at a load of at most 4/5.
    /// Growing places every entry again: `pool`'s threads share that work
    /// with the calling thread.
    pub fn reserve(&mut self, additional: usize, pool: Option<&rayon::ThreadPool>) {
        self.sync_fps();
        let needed = self.len() + additional;
        if self.fps.capacity() < needed {
            self.fps.reserve(additional);
            self.fps_at = self.fps.as_mut_ptr();
        }
        if needed * 5 <= self.slots.len() * 4 {
            return;
        }
        // Sized by the entries stored, not by those that may come (a
        // batch's candidates, more on more threads): the same sizes on any
        // number of threads, within a batch.
        let slots = slots_for(self.len()).max(needed * 5 / 4 + 1);
        // The old slots go first: they are not needed to rebuild.
        self.slots = Box::new([]);
        self.slots = empty_slots(slots);
        let fps = &self.fps[..];
        let this = &*self;
        match pool {
            Some(pool) if fps.len() >= 1 << 16 => {
                let parts = pool.current_num_threads() + 1;
                let part = fps.len().div_ceil(parts);
                pool.in_place_scope(|scope| {
                    for p in 1..parts {
                        scope.spawn(move |_| this.place_all(p * part, part));
                    }
                    this.place_all(0, part);
                });
            }
            _ => this.place_all(0, fps.len()),
        }
    }

    /// Places the entries of indices `start..start + count` (known to be
    /// absent), while other threads may do the same but none reads.
    fn place_all(&self, start: usize, count: usize) {
        let end = (start + count).min(self.fps.len());
        for (i, &fp) in self.fps[start.min(end)..end].iter().enumerate() {
            let index = (start + i) as u32;
            let mut slot = self.home(fp);
            while self.slots[slot]
                .compare_exchange(
                    EMPTY,
                    slot_of(fp, index),
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                )
                .is_err()
            {
                slot = self.after(slot);
            }
        }
    }

    /// The fingerprint of every index, in order; the slots are freed.
    pub fn into_fingerprints(mut self) -> Vec<u64> {
        self.sync_fps();
        let mut fps = std::mem::take(&mut self.fps);
        fps.shrink_to_fit();
        fps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_across_growth_and_refuses_duplicates() {
        let mut t = FpTable::default();
        for i in 0..10_000u32 {
            t.reserve(1, None);
            // Fingerprints with equal low bits probe past each other.
            let fp = u64::from(i) << 20 | 7;
            assert_eq!(t.insert(fp, i), Ok(()));
        }
        assert_eq!(t.len(), 10_000);
        for i in 0..10_000u32 {
            let fp = u64::from(i) << 20 | 7;
            assert_eq!(t.get(fp), Some(i));
            assert_eq!(t.insert(fp, 0), Err(i));
        }
        assert_eq!(t.get(12345), None);
        // 0 is a fingerprint like any other, and so is one that shares a
        // tag and a home slot with another but differs elsewhere.
        t.reserve(2, None);
        assert_eq!(t.insert(0, 10_000), Ok(()));
        assert_eq!(t.get(0), Some(10_000));
        assert_eq!(t.insert(1 << 14 | 7, 10_001), Ok(()));
        assert_eq!(t.get(1 << 14 | 7), Some(10_001));
        assert_eq!(t.get(7), Some(0));
        let fps = t.into_fingerprints();
        assert_eq!(fps.len(), 10_002);
        assert_eq!(fps[10_001], 1 << 14 | 7);
    }

    #[test]
    fn growing_on_several_threads_keeps_every_entry() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .expect("threads");
        let mut t = FpTable::default();
        let n = 200_000u32;
        // Big enough that the last growths are shared out (1 << 16 slots).
        for i in 0..n {
            t.reserve(1, Some(&pool));
            let fp = u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            assert_eq!(t.insert(fp, i), Ok(()));
        }
        assert!(t.slots.len() * 4 >= n as usize * 5);
        assert_eq!(t.len(), n as usize);
        for i in 0..n {
            let fp = u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            assert_eq!(t.get(fp), Some(i));
        }
        let stored = t
            .slots
            .iter()
            .filter(|s| s.load(Ordering::Relaxed) != EMPTY);
        assert_eq!(stored.count(), n as usize, "no entry placed twice");
    }

    #[test]
    #[should_panic(expected = "reserve() was not called")]
    fn refuses_to_fill_up() {
        let mut t = FpTable::with_slots(4);
        t.reserve(1, None);
        for i in 0..4 {
            let _ = t.insert(i, i as u32);
        }
    }
}
