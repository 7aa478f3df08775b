//! The fingerprint table: fingerprint -> state index, read by the threads
//! that expand states while the merging thread inserts.
//!
//! Two parts. An open-addressing table with linear probing whose slots are
//! one word: the high half of a fingerprint (a tag) beside the index + 1.
//! And the low half of every state's fingerprint, in index order (`lows`:
//! 4 bytes a state, no slack). A lookup probes from the slot the low half
//! names, compares tags, and on a match compares the low half in `lows`:
//! the whole 64-bit fingerprint is stored, once, in 12 bytes (8 a slot at
//! a load of 0.64-0.8, 4 in `lows`) instead of 16 for a key and a value
//! in each slot, at the price of a second cache miss on a hit.
//!
//! The slot of a fingerprint grows with its low half (it is that half
//! scaled to the table), so the table is in order, clusters aside: growing
//! walks the old slots in order and fills the new ones in the same order,
//! returning each page of old slots to the system once walked. At any
//! moment about one table's worth of memory is in use, not two.
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

/// Where the first step of a lookup stopped: a slot and what it held.
#[derive(Clone, Copy)]
pub(crate) struct Probe {
    slot: usize,
    s: u64,
}

/// Starts loading the cache line of `at` without waiting for it.
#[inline(always)]
fn prefetch<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is a hint: it reads nothing the program sees,
        // and faults on no address.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(at.cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

/// Fingerprint -> index, for one writer and many readers.
pub(crate) struct FpTable {
    slots: Box<[AtomicU64]>,
    /// Entries stored (only the writer changes it).
    len: AtomicU64,
    /// Low half of the fingerprint of each index; its length is brought up
    /// to `len` by `&mut self` methods, and `insert` writes past it, within
    /// its capacity, through `lows_at`.
    lows: Vec<u32>,
    /// `lows`'s buffer, for writes and reads through `&self`.
    lows_at: *mut u32,
}

// SAFETY: `lows_at` points into `lows`, owned by the table. Through `&self`,
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
    huge_pages(memory.cast(), layout.size());
    // SAFETY: `memory` holds `slots` zeroed atomics, allocated with the
    // layout a `Box<[AtomicU64]>` of that length frees with.
    unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(memory, slots)) }
}

/// Asks for the memory at `start` (`len` bytes) to be backed by huge pages
/// where it can be. Every lookup lands on a random slot: in 4 KiB pages
/// nearly each one missed the TLB, and the page walk stalled the lookup's
/// prefetch (`perf`: half of the expanding thread's own time at 2/2/1).
fn huge_pages(start: *mut u8, len: usize) {
    #[cfg(target_os = "linux")]
    // SAFETY: the allocation's own pages; the advice changes no contents.
    // It may be refused (no transparent huge pages): then nothing changes.
    unsafe {
        advise(
            start as usize,
            start as usize + len,
            2 << 20,
            libc::MADV_HUGEPAGE,
        );
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (start, len);
}

/// `madvise(advice)` on the whole pages of `page` bytes within
/// `start..end`, if any.
///
/// # Safety
/// The range must be memory the caller owns, and `advice` one its contents
/// may take there.
#[cfg(target_os = "linux")]
unsafe fn advise(start: usize, end: usize, page: usize, advice: libc::c_int) {
    let first = start.next_multiple_of(page);
    let last = end - end % page;
    if last > first {
        // SAFETY: whole pages within the range (the caller's contract).
        unsafe { libc::madvise(first as *mut libc::c_void, last - first, advice) };
    }
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
        let mut lows = Vec::new();
        FpTable {
            slots: empty_slots(slots),
            len: AtomicU64::new(0),
            lows_at: lows.as_mut_ptr(),
            lows,
        }
    }

    /// Entries stored.
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Relaxed) as usize
    }

    /// Memory the next growth will add, if it is near (the load is above
    /// 3/4): the new slots less the old ones, freed as they are walked.
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
        (((fp & 0xffff_ffff) * self.slots.len() as u64) >> 32) as usize
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

    /// Whether slot `s` (not empty), loaded with Acquire, holds `fp`.
    #[inline]
    fn holds(&self, s: u64, fp: u64) -> bool {
        // SAFETY: see `unsafe impl Sync`: the element was written before
        // its slot was published, and is within the buffer.
        same_tag(s, fp) && unsafe { *self.lows_at.add(index_of(s) as usize) } == fp as u32
    }

    /// The index stored for `fp`, if any (possibly not yet for an entry the
    /// writer is inserting right now). The checker looks up in two steps,
    /// [`probe`](Self::probe) and [`get_from`](Self::get_from).
    #[cfg(test)]
    pub fn get(&self, fp: u64) -> Option<u32> {
        self.get_after(fp, self.home(fp))
    }

    /// The first step of a lookup in two: finds the first slot from
    /// `fp`'s home that is empty or carries its tag, and starts loading the
    /// low half that slot's entry needs compared. [`get_from`] finishes.
    /// A hit costs two cache misses (the slot, then its low half): taken
    /// apart, the second misses of a state's successors overlap.
    ///
    /// [`get_from`]: Self::get_from
    #[inline]
    pub fn probe(&self, fp: u64) -> Probe {
        let mut slot = self.home(fp);
        loop {
            match self.slots[slot].load(Ordering::Acquire) {
                EMPTY => return Probe { slot, s: EMPTY },
                s if same_tag(s, fp) => {
                    // SAFETY: within the buffer (see `holds`).
                    prefetch(unsafe { self.lows_at.add(index_of(s) as usize) });
                    return Probe { slot, s };
                }
                _ => slot = self.after(slot),
            }
        }
    }

    /// The index stored for `fp`, from where [`probe`](Self::probe)
    /// stopped (possibly none yet for an entry the writer is inserting
    /// right now).
    #[inline]
    pub fn get_from(&self, fp: u64, probe: Probe) -> Option<u32> {
        match probe.s {
            EMPTY => None,
            s if self.holds(s, fp) => Some(index_of(s)),
            _ => self.get_after(fp, self.after(probe.slot)),
        }
    }

    /// The index stored for `fp`, probing from `slot` on.
    fn get_after(&self, fp: u64, mut slot: usize) -> Option<u32> {
        loop {
            // Acquire: the fingerprint was stored before the slot.
            match self.slots[slot].load(Ordering::Acquire) {
                EMPTY => return None,
                s if self.holds(s, fp) => return Some(index_of(s)),
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
        prefetch(&self.slots[self.home(fp)]);
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
                        (len as usize) < self.lows.capacity()
                            && (len as usize + 1) * 5 <= self.slots.len() * 4,
                        "fingerprint table overfull: reserve() was not called"
                    );
                    // SAFETY: within `lows`'s capacity (asserted), and no
                    // reader looks at this element before the slot below
                    // is published.
                    unsafe { self.lows_at.add(index as usize).write(fp as u32) };
                    self.slots[slot].store(slot_of(fp, index), Ordering::Release);
                    self.len.store(len + 1, Ordering::Relaxed);
                    return Ok(());
                }
                s if self.holds(s, fp) => {
                    return Err(index_of(s));
                }
                _ => slot = self.after(slot),
            }
        }
    }

    /// Brings `lows`'s length up to the entries inserted through `&self`.
    fn sync_lows(&mut self) {
        let len = self.len();
        // SAFETY: elements up to `len` were written by `insert`, within the
        // capacity.
        unsafe { self.lows.set_len(len) };
    }

    /// Makes room for `additional` more entries at a load of at most 4/5.
    pub fn reserve(&mut self, additional: usize) {
        self.sync_lows();
        let needed = self.len() + additional;
        if self.lows.capacity() < needed {
            self.lows.reserve(additional);
            self.lows_at = self.lows.as_mut_ptr();
            huge_pages(self.lows_at.cast(), self.lows.capacity() * 4);
        }
        if needed * 5 <= self.slots.len() * 4 {
            return;
        }
        // Sized by the entries stored, not by those that may come (a
        // batch's candidates, more on more threads): about the same sizes
        // on any number of threads.
        let slots = slots_for(self.len()).max(needed * 5 / 4 + 1);
        let old = std::mem::replace(&mut self.slots, empty_slots(slots));
        self.place_all(&old);
    }

    /// Places the entries of `old` (known to be absent), walking it in
    /// order and giving its pages back to the system as it goes.
    fn place_all(&mut self, old: &[AtomicU64]) {
        /// Slots walked between two gifts of pages (64 KiB).
        const GIFT: usize = 1 << 13;
        let slots = &self.slots;
        let home = |fp_low: u32| ((u64::from(fp_low) * slots.len() as u64) >> 32) as usize;
        /// Slots ahead whose low halves are asked for: each is a miss.
        const AHEAD: usize = 16;
        for (k, s) in old.iter().enumerate() {
            if let Some(ahead) = old.get(k + AHEAD) {
                let ahead = ahead.load(Ordering::Relaxed);
                if ahead != EMPTY {
                    prefetch(&self.lows[index_of(ahead) as usize]);
                }
            }
            let s = s.load(Ordering::Relaxed);
            if s != EMPTY {
                let low = self.lows[index_of(s) as usize];
                let mut slot = home(low);
                while slots[slot].load(Ordering::Relaxed) != EMPTY {
                    slot = if slot + 1 == slots.len() { 0 } else { slot + 1 };
                }
                slots[slot].store(s, Ordering::Relaxed);
            }
            if (k + 1) % GIFT == 0 {
                // From the start: the pages before were given already, and
                // the one the last gift ended in is whole now.
                give_back(&old[..=k]);
            }
        }
    }
}

/// Returns the whole pages of `slots`, no longer read, to the system
/// (their contents become zeros); the allocation itself is freed later.
/// Pages given back before cost nothing to give again, but only the last
/// `GIFT` slots' worth is new each time, so the range starts there.
fn give_back(slots: &[AtomicU64]) {
    #[cfg(target_os = "linux")]
    {
        let start = slots.as_ptr() as usize;
        let end = start + std::mem::size_of_val(slots);
        let recent = end.saturating_sub(2 << 16).max(start);
        // SAFETY: pages inside memory this table owns and no longer reads;
        // zeroed pages are valid empty atomics anyway.
        unsafe { advise(recent, end, 4096, libc::MADV_DONTNEED) };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = slots;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_across_growth_and_refuses_duplicates() {
        let mut t = FpTable::default();
        for i in 0..10_000u32 {
            t.reserve(1);
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
        t.reserve(2);
        assert_eq!(t.insert(0, 10_000), Ok(()));
        assert_eq!(t.get(0), Some(10_000));
        assert_eq!(t.insert(1 << 14 | 7, 10_001), Ok(()));
        assert_eq!(t.get(1 << 14 | 7), Some(10_001));
        assert_eq!(t.get(7), Some(0));
        // The same low half and home slot, another tag.
        assert_eq!(t.get(1 << 40 | 7), None);
    }

    #[test]
    fn a_lookup_in_two_steps_goes_past_a_tag_match_with_another_low_half() {
        let mut t = FpTable::default();
        // One tag, two low halves with the same home slot.
        let (a, b) = (5 << 32 | 7, 5 << 32 | 8);
        t.reserve(2);
        assert_eq!(t.insert(a, 0), Ok(()));
        assert_eq!(t.get_from(a, t.probe(a)), Some(0));
        // The probe stops at `a`'s slot (the tag matches); the low half
        // does not, and the second step goes on to the empty slot after.
        assert_eq!(t.get_from(b, t.probe(b)), None);
        assert_eq!(t.insert(b, 1), Ok(()));
        assert_eq!(t.get_from(b, t.probe(b)), Some(1));
        assert_eq!(t.get_from(a, t.probe(a)), Some(0));
    }

    #[test]
    fn growing_keeps_every_entry() {
        let mut t = FpTable::default();
        let n = 200_000u32;
        // Big enough that growing gives pages back.
        for i in 0..n {
            t.reserve(1);
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
        t.reserve(1);
        for i in 0..4 {
            let _ = t.insert(i, i as u32);
        }
    }
}
