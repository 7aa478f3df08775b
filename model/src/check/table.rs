//! The fingerprint table: fingerprint -> state index, read by the threads
//! that expand states while the merging thread inserts.
//!
//! Open addressing with linear probing over one array of atomic slots, key
//! and value side by side: a lookup is one cache miss, not two.
//! One thread inserts (the merge, which alone assigns indices); any number
//! look up at the same time. A reader that misses an entry being inserted
//! just reports the successor as possibly new, and the merge finds it: the
//! race costs work, never correctness. Growing needs `&mut self`, so it only
//! happens while nobody reads.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// Marks an empty slot. A fingerprint of 0 is stored as 1: one more
/// possible collision among 2^64 values.
const EMPTY: u64 = 0;

/// One entry: a fingerprint and its index, on the same cache line.
#[repr(C, align(16))]
struct Slot {
    key: AtomicU64,
    value: AtomicU32,
}

/// Fingerprint -> index, for one writer and many readers.
pub(crate) struct FpTable {
    slots: Box<[Slot]>,
    /// Entries stored (only the writer changes it).
    len: AtomicU64,
}

impl Default for FpTable {
    fn default() -> Self {
        FpTable::with_slots(1 << 10)
    }
}

fn key(fp: u64) -> u64 {
    if fp == EMPTY {
        1
    } else {
        fp
    }
}

impl FpTable {
    fn with_slots(slots: usize) -> Self {
        debug_assert!(slots.is_power_of_two());
        // Zeroed memory straight from the system: the kernel hands out zeroed
        // pages anyway, so nothing is written here, and the pages are only
        // touched when entries land on them.
        let layout = std::alloc::Layout::array::<Slot>(slots).expect("table too large");
        // SAFETY: `layout` has a non-zero size (`slots` is a power of two).
        let memory = unsafe { std::alloc::alloc_zeroed(layout) }.cast::<Slot>();
        if memory.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        // SAFETY: `memory` holds `slots` zeroed slots, allocated with the
        // layout a `Box<[Slot]>` of that length frees with, and an all-zero
        // `Slot` is a valid empty one (atomics holding 0).
        let slots = unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(memory, slots)) };
        FpTable {
            slots,
            len: AtomicU64::new(0),
        }
    }

    /// Entries stored.
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Relaxed) as usize
    }

    /// Memory the next growth will allocate, if it is near (the load is
    /// above 2/3): the new table, while the old one is still there.
    pub fn growth_ahead(&self) -> usize {
        if self.len() * 3 > self.slots.len() * 2 {
            self.slots.len() * 2 * std::mem::size_of::<Slot>()
        } else {
            0
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The index stored for `fp`, if any (possibly not yet for an entry the
    /// writer is inserting right now).
    #[inline]
    pub fn get(&self, fp: u64) -> Option<u32> {
        let k = key(fp);
        let mask = self.mask();
        // The low bits of a fingerprint are as good as any hash of it.
        let mut slot = k as usize & mask;
        loop {
            // Acquire: the value was stored before the key was published.
            let s = &self.slots[slot];
            match s.key.load(Ordering::Acquire) {
                EMPTY => return None,
                found if found == k => return Some(s.value.load(Ordering::Relaxed)),
                _ => slot = (slot + 1) & mask,
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
            let slot: *const Slot = &self.slots[key(fp) as usize & self.mask()];
            // SAFETY: a prefetch is a hint; it reads nothing the program
            // sees, and the address is that of a live slot.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(slot.cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = fp;
    }

    /// Stores `fp -> index` unless `fp` is there: then returns the index
    /// stored. Only one thread may insert at a time; call
    /// [`reserve`](Self::reserve) first so the table never fills.
    #[inline]
    pub fn insert(&self, fp: u64, index: u32) -> Result<(), u32> {
        let k = key(fp);
        let mask = self.mask();
        let mut slot = k as usize & mask;
        loop {
            let s = &self.slots[slot];
            match s.key.load(Ordering::Relaxed) {
                EMPTY => {
                    s.value.store(index, Ordering::Relaxed);
                    s.key.store(k, Ordering::Release);
                    let len = self.len.load(Ordering::Relaxed);
                    assert!(
                        (len as usize + 1) * 4 <= self.slots.len() * 3,
                        "fingerprint table overfull: reserve() was not called"
                    );
                    self.len.store(len + 1, Ordering::Relaxed);
                    return Ok(());
                }
                found if found == k => return Err(s.value.load(Ordering::Relaxed)),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Makes room for `additional` more entries at a load of at most 3/4.
    /// Growing moves every entry: `pool`'s threads share that work with
    /// the calling thread.
    pub fn reserve(&mut self, additional: usize, pool: Option<&rayon::ThreadPool>) {
        let needed = self.len() + additional;
        if needed * 4 <= self.slots.len() * 3 {
            return;
        }
        let mut bigger = FpTable::with_slots((needed * 2).next_power_of_two());
        let old = &self.slots[..];
        match pool {
            Some(pool) if old.len() >= 1 << 16 => {
                let parts = pool.current_num_threads() + 1;
                let part = old.len().div_ceil(parts);
                pool.in_place_scope(|scope| {
                    let mut pieces = old.chunks(part);
                    let mine = pieces.next().expect("the table is not empty");
                    for piece in pieces {
                        scope.spawn(|_| bigger.place_all(piece));
                    }
                    bigger.place_all(mine);
                });
            }
            _ => bigger.place_all(old),
        }
        *bigger.len.get_mut() = self.len() as u64;
        *self = bigger;
    }

    /// Stores the entries of `old` (keys known to be absent), while other
    /// threads may do the same but none reads.
    fn place_all(&self, old: &[Slot]) {
        let mask = self.mask();
        for s in old {
            let k = s.key.load(Ordering::Relaxed);
            if k == EMPTY {
                continue;
            }
            let mut slot = k as usize & mask;
            while self.slots[slot]
                .key
                .compare_exchange(EMPTY, k, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
            {
                slot = (slot + 1) & mask;
            }
            let value = s.value.load(Ordering::Relaxed);
            self.slots[slot].value.store(value, Ordering::Relaxed);
        }
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
        // 0 is stored as 1: they are one key.
        t.reserve(1, None);
        assert_eq!(t.insert(0, 1), Ok(()));
        assert_eq!(t.get(1), Some(1));
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
        assert!(t.slots.len() >= 1 << 18);
        assert_eq!(t.len(), n as usize);
        for i in 0..n {
            let fp = u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            assert_eq!(t.get(fp), Some(i));
        }
        let stored = t
            .slots
            .iter()
            .filter(|s| s.key.load(Ordering::Relaxed) != EMPTY);
        assert_eq!(stored.count(), n as usize, "no entry placed twice");
    }

    #[test]
    #[should_panic(expected = "reserve() was not called")]
    fn refuses_to_fill_up() {
        let t = FpTable::with_slots(4);
        for i in 1..=4 {
            let _ = t.insert(i, 0);
        }
    }
}
