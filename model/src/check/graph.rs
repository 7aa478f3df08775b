//! Compact storage of the explored state graph.
//!
//! States themselves are not kept: each is known by a 64-bit fingerprint that
//! maps to a dense `u32` index, and everything else is a few words per index
//! (structure-of-arrays, so unused parts cost nothing). Paths are rebuilt by
//! replaying action indices from an initial state (see `trace.rs`).

use std::hash::{Hash, Hasher};

use std::ops::Range;
use xxhash_rust::xxh3::xxh3_64_with_seed;

pub(crate) use super::table::FpTable;

/// "No state": parent of initial states, and unset slots.
pub(crate) const NONE: u32 = u32::MAX;
/// Edge class of an action that is not weakly fair.
pub(crate) const UNFAIR: u8 = u8::MAX;
/// Flag: the state was expanded (inside the boundary, not cut by `max_states`).
pub(crate) const EXPANDED: u8 = 1;
/// Flag: the state was expanded and has no successors at all.
pub(crate) const TERMINAL: u8 = 2;

/// Fixed seed, so fingerprints (and hence indices and traces) are the same on
/// every run of the same build.
const SEED: u64 = 0x5359_4e41_434b_0001;

/// Deterministic 64-bit fingerprint of a state.
pub(crate) fn fingerprint<T: Hash>(value: &T) -> u64 {
    let mut h = Gather::default();
    value.hash(&mut h);
    h.finish()
}

/// The fingerprint under which `model` stores `state`: of the state itself,
/// or under symmetry the least of its forms' (the same for all the states
/// identified with it).
pub(crate) fn state_fingerprint<M: super::Checkable>(model: &M, state: &M::State) -> u64
where
    M::State: Hash,
{
    match model.symmetric_forms(state) {
        None => fingerprint(state),
        Some([a, b]) => fingerprint(&a).min(fingerprint(&b)),
    }
}

/// Bytes gathered before they are hashed in one go.
const GATHER: usize = 512;

/// A hasher that gathers a state's bytes and hashes them in bulk (XXH3).
///
/// A derived `Hash` of a state writes dozens of one-byte fields; hashing each
/// on its own costs more than the successor itself takes to compute. Copying
/// them into a buffer and hashing that as one slice is several times
/// cheaper. Longer states are hashed in pieces, each seeded by the hash of
/// the pieces before it.
struct Gather {
    buf: [u8; GATHER],
    len: usize,
    /// Hash of the pieces already full.
    seed: u64,
}

impl Default for Gather {
    fn default() -> Self {
        Gather {
            buf: [0; GATHER],
            len: 0,
            seed: SEED,
        }
    }
}

impl Gather {
    #[inline(always)]
    fn put<const N: usize>(&mut self, bytes: [u8; N]) {
        if self.len + N > GATHER {
            self.flush();
        }
        self.buf[self.len..self.len + N].copy_from_slice(&bytes);
        self.len += N;
    }

    #[cold]
    fn flush(&mut self) {
        self.seed = xxh3_64_with_seed(&self.buf[..self.len], self.seed);
        self.len = 0;
    }
}

impl Hasher for Gather {
    fn finish(&self) -> u64 {
        xxh3_64_with_seed(&self.buf[..self.len], self.seed)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() > GATHER {
            self.flush();
            if bytes.len() > GATHER {
                self.seed = xxh3_64_with_seed(bytes, self.seed);
                return;
            }
        }
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }
    #[inline(always)]
    fn write_u8(&mut self, n: u8) {
        self.put(n.to_le_bytes());
    }
    #[inline(always)]
    fn write_u16(&mut self, n: u16) {
        self.put(n.to_le_bytes());
    }
    #[inline(always)]
    fn write_u32(&mut self, n: u32) {
        self.put(n.to_le_bytes());
    }
    #[inline(always)]
    fn write_u64(&mut self, n: u64) {
        self.put(n.to_le_bytes());
    }
    #[inline(always)]
    fn write_usize(&mut self, n: usize) {
        self.put((n as u64).to_le_bytes());
    }
}

/// The explored graph: per-state data plus outgoing edges in CSR form.
///
/// Indices are assigned in BFS discovery order, so the first `num_init`
/// states are the initial ones and states are expanded in index order.
#[derive(Default)]
pub(crate) struct Graph {
    /// Fingerprint -> index. Kept apart while exploring (see
    /// `explore.rs`), so that expanding threads can read it while the merge
    /// writes the rest; put here at the end for traces.
    pub map: FpTable,
    /// BFS-tree parent (`NONE` for initial states).
    pub parent: Vec<u32>,
    /// Index of the action in the parent's `actions()` list, or for an
    /// initial state its index in `init_states()`.
    pub via: Vec<u32>,
    /// `EXPANDED` / `TERMINAL` bits.
    pub flags: Vec<u8>,
    /// Bit `p` set iff Eventually-condition `p` holds (liveness only).
    pub holds: Vec<u32>,
    /// Bit `c` set iff some action of fairness class `c` is enabled (liveness only).
    pub enabled: Vec<u32>,
    /// CSR offsets: edges of state `v` are `edge_start[v]..edge_start[v + 1]`.
    pub edge_start: Vec<usize>,
    /// Edge target state.
    pub edge_target: Vec<u32>,
    /// Edge action index in the source's `actions()` list.
    pub edge_action: Vec<u32>,
    /// Edge fairness class, or `UNFAIR`.
    pub edge_class: Vec<u8>,
    /// Number of distinct initial states (they are indices `0..num_init`).
    pub num_init: u32,
    /// Whether liveness data (`holds`, `enabled`, edges) is recorded.
    pub liveness: bool,
}

impl Graph {
    /// An empty graph; liveness data is kept only if some property needs it.
    pub fn new(liveness: bool) -> Self {
        Graph {
            liveness,
            ..Graph::default()
        }
    }

    /// Number of distinct states.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// Registers the state with fingerprint `fp` in `map` and here, unless
    /// it is known already. Returns its index and whether it is new (one
    /// probe either way). `map` must have room (`FpTable::reserve`).
    pub fn add(
        &mut self,
        map: &FpTable,
        fp: u64,
        parent: u32,
        via: u32,
        holds: u32,
    ) -> (u32, bool) {
        // The top two `u32` values are sentinels (here and in liveness.rs).
        let index = u32::try_from(self.parent.len())
            .ok()
            .filter(|&i| i < u32::MAX - 1)
            .expect("more than 2^32 - 2 distinct states");
        if let Err(known) = map.insert(fp, index) {
            return (known, false);
        }
        self.parent.push(parent);
        self.via.push(via);
        self.flags.push(0);
        if self.liveness {
            self.holds.push(holds);
            self.enabled.push(0);
        }
        (index, true)
    }

    /// Starts the edge list of `v`; states since the last call get none.
    /// Must be called in increasing `v` order (BFS expansion order).
    pub fn open_edges(&mut self, v: u32) {
        let len = self.edge_target.len();
        while self.edge_start.len() <= v as usize {
            self.edge_start.push(len);
        }
    }

    /// Appends an edge to the list opened last.
    pub fn push_edge(&mut self, target: u32, action: u32, class: u8) {
        self.edge_target.push(target);
        self.edge_action.push(action);
        self.edge_class.push(class);
    }

    /// Closes the CSR arrays once exploration is over.
    pub fn finish(&mut self) {
        let (n, len) = (self.len(), self.edge_target.len());
        while self.edge_start.len() <= n {
            self.edge_start.push(len);
        }
    }

    /// Edge ids of `v` (after `finish`).
    pub fn edges(&self, v: u32) -> Range<usize> {
        self.edge_start[v as usize]..self.edge_start[v as usize + 1]
    }

    /// Whether `v` was expanded.
    pub fn expanded(&self, v: u32) -> bool {
        self.flags[v as usize] & EXPANDED != 0
    }

    /// Whether `v` was expanded and has no successor.
    pub fn terminal(&self, v: u32) -> bool {
        self.flags[v as usize] & TERMINAL != 0
    }
}
