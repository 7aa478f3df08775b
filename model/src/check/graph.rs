//! Compact storage of the explored state graph.
//!
//! States themselves are not kept: each is known by a 64-bit fingerprint that
//! maps to a dense `u32` index, and everything else is a few bytes per index
//! (structure-of-arrays, so unused parts cost nothing). Paths are rebuilt by
//! replaying, from an initial state, the actions that lead to each next
//! state's fingerprint (see `trace.rs`).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::mem::MaybeUninit;

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

/// States per block of edge offsets: a state's edges start at its block's
/// offset plus the lengths of those before it in the block.
const BLOCK: usize = 32;

/// Fixed seed, so fingerprints (and hence indices and traces) are the same on
/// every run of the same build.
const SEED: u64 = 0x5359_4e41_434b_0001;

/// Deterministic 64-bit fingerprint of a state.
pub(crate) fn fingerprint<T: Hash>(value: &T) -> u64 {
    let mut buf = MaybeUninit::uninit();
    let mut h = Gather {
        buf: &mut buf,
        len: 0,
        seed: SEED,
    };
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
///
/// The buffer is the caller's, apart from the hasher: the hasher itself
/// becomes registers, and its length is not read back from memory after
/// every write as it was when the buffer was a field beside it (a fifth of
/// a check went into hashing).
struct Gather<'a> {
    /// Only `buf[..len]` is initialised.
    buf: &'a mut MaybeUninit<[u8; GATHER]>,
    len: usize,
    /// Hash of the pieces already full.
    seed: u64,
}

impl Gather<'_> {
    #[inline(always)]
    fn put<const N: usize>(&mut self, bytes: [u8; N]) {
        if self.len + N > GATHER {
            self.flush();
        }
        self.append(&bytes);
    }

    /// Appends `bytes`, which fit.
    #[inline(always)]
    fn append(&mut self, bytes: &[u8]) {
        debug_assert!(self.len + bytes.len() <= GATHER, "a gathered piece fits");
        // SAFETY: in bounds (the callers flush first if it would not fit);
        // writing initialises the bytes.
        unsafe {
            let dst = self.buf.as_mut_ptr().cast::<u8>().add(self.len);
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len());
        }
        self.len += bytes.len();
    }

    /// The bytes gathered since the last flush.
    #[inline(always)]
    fn gathered(&self) -> &[u8] {
        // SAFETY: `buf[..len]` was initialised by `append`.
        unsafe { std::slice::from_raw_parts(self.buf.as_ptr().cast::<u8>(), self.len) }
    }

    #[cold]
    fn flush(&mut self) {
        self.seed = xxh3_64_with_seed(self.gathered(), self.seed);
        self.len = 0;
    }
}

impl Hasher for Gather<'_> {
    fn finish(&self) -> u64 {
        xxh3_64_with_seed(self.gathered(), self.seed)
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
        self.append(bytes);
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

/// The edges of one state: (target, fairness class or `UNFAIR`).
#[derive(Clone)]
pub(crate) struct Edges<'a> {
    bytes: &'a [u8],
    last: u32,
}

impl Iterator for Edges<'_> {
    type Item = (u32, u8);

    #[inline]
    fn next(&mut self) -> Option<(u32, u8)> {
        let mut word = 0u64;
        let mut shift = 0;
        loop {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            word |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        let class = if word & 1 == 1 {
            let (&c, rest) = self.bytes.split_first().expect("a fair edge's class");
            self.bytes = rest;
            c
        } else {
            UNFAIR
        };
        let zigzag = word >> 1;
        let delta = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
        self.last = (i64::from(self.last) + delta) as u32;
        Some((self.last, class))
    }
}

/// The explored graph: per-state data plus outgoing edges, compressed.
///
/// Indices are assigned in BFS discovery order, so the first `num_init`
/// states are the initial ones and states are expanded in index order.
/// Per state it keeps 4 bytes of parent, 8 of fingerprint (on disk), 1 of label (2 past 256 distinct labels), 1
/// of edge length and its edges (about 3 bytes each).
#[derive(Default)]
pub(crate) struct Graph {
    /// The fingerprint of each state, by index: traces check each state
    /// they replay against it, and find the action to take by it. Only
    /// traces read it, a few states each, so it waits in a file. (The
    /// table from fingerprints to indices is only needed while exploring,
    /// see `explore.rs`.)
    fps: Fingerprints,
    /// BFS-tree parent (`NONE` for initial states).
    pub parent: Vec<u32>,
    /// Per state, the index in `label_values` of its (holds, enabled,
    /// flags): a model has a handful of distinct ones (13 for
    /// client-server), so one byte a state instead of nine.
    labels: Labels,
    /// Distinct labels: bit `p` of holds set iff Eventually-condition `p`
    /// holds (liveness only), bit `c` of enabled set iff some action of
    /// fairness class `c` is (liveness only), and the `EXPANDED` and
    /// `TERMINAL` flags.
    label_values: Vec<Label>,
    /// Index of each label in `label_values`.
    label_index: HashMap<Label, u16>,
    /// The edges kept for liveness, state after state, each a varint:
    /// its target as a difference from the edge before (from the source
    /// for the first), zigzagged, shifted left by one, with the low bit set
    /// for a fair edge, whose class then follows in one byte. A target is
    /// mostly a few thousand indices from the one before: two or three
    /// bytes an edge rather than nine.
    pub edge_bytes: Vec<u8>,
    /// Bytes of each state's edges, or `LONG` for a list of `LONG` bytes or
    /// more, whose length is in `long_edges`.
    edge_len: Vec<u8>,
    /// Lengths of the edge lists of `LONG` bytes or more (a few states).
    long_edges: HashMap<u32, u64>,
    /// Where the edges of each block of `BLOCK` states start in
    /// `edge_bytes`: a state's own start is its block's plus the lengths
    /// of the states before it in the block.
    edge_block: Vec<u64>,
    /// The state whose edges are being pushed, and where they start.
    open: Option<(u32, u64)>,
    /// Target of the last edge pushed (the reference of the next one).
    last_target: u32,
    /// Number of distinct initial states (they are indices `0..num_init`).
    pub num_init: u32,
    /// Whether liveness data (holds, enabled, edges) is recorded.
    pub liveness: bool,
}

/// Labels looked up by a scan rather than in `label_index`, up to.
const SCANNED_LABELS: usize = 32;

/// What the graph knows of a state besides its edges: (holds, enabled,
/// flags).
type Label = (u32, u32, u8);

/// Each state's fingerprint, by index: in an unnamed temporary file (8
/// bytes a state on disk rather than in memory), the last few thousand in
/// memory; all in memory where no file can be written.
#[derive(Default)]
struct Fingerprints {
    /// The file, once opened; `None` until the first state, or for good if
    /// it could not be opened or written.
    file: Option<std::fs::File>,
    /// Fingerprints in the file: the first `in_file` indices.
    in_file: u64,
    /// The fingerprints after those.
    memory: Vec<u64>,
    /// The file cannot be used: everything stays in `memory`.
    no_file: bool,
}

/// Fingerprints gathered before they are written in one go.
const FINGERPRINTS_AT_ONCE: usize = 8192;

impl Fingerprints {
    fn push(&mut self, fp: u64) {
        self.memory.push(fp);
        if self.memory.len() >= FINGERPRINTS_AT_ONCE && !self.no_file {
            self.write();
        }
    }

    /// Moves the fingerprints in memory to the file, if it can be; if
    /// not, brings those in the file back and keeps everything in memory.
    fn write(&mut self) {
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(file) => self.file = Some(file),
                Err(_) => {
                    self.no_file = true;
                    return;
                }
            }
        }
        let file = self.file.as_ref().expect("opened above");
        let bytes: Vec<u8> = self.memory.iter().flat_map(|fp| fp.to_le_bytes()).collect();
        if write_at(file, &bytes, self.in_file * 8).is_ok() {
            self.in_file += self.memory.len() as u64;
            self.memory.clear();
            return;
        }
        // A full disk: the file's fingerprints come back (they are in the
        // page cache) and nothing more is written.
        let mut all = (0..self.in_file)
            .map(|i| read_at(file, i).expect("cannot read back fingerprints just written"))
            .collect::<Vec<_>>();
        all.append(&mut self.memory);
        self.memory = all;
        self.in_file = 0;
        self.file = None;
        self.no_file = true;
    }

    /// The fingerprint of `v`.
    fn get(&self, v: u32) -> u64 {
        let v = u64::from(v);
        if v < self.in_file {
            let file = self.file.as_ref().expect("fingerprints in a file");
            read_at(file, v).expect("cannot read a fingerprint back from its temporary file")
        } else {
            self.memory[(v - self.in_file) as usize]
        }
    }
}

#[cfg(unix)]
fn write_at(file: &std::fs::File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(bytes, at)
}

#[cfg(not(unix))]
fn write_at(_: &std::fs::File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// The fingerprint at index `i` of a file of them.
#[cfg(unix)]
fn read_at(file: &std::fs::File, i: u64) -> std::io::Result<u64> {
    use std::os::unix::fs::FileExt;
    let mut bytes = [0; 8];
    file.read_exact_at(&mut bytes, i * 8)?;
    Ok(u64::from_le_bytes(bytes))
}

#[cfg(not(unix))]
fn read_at(_: &std::fs::File, _: u64) -> std::io::Result<u64> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Each state's label: a byte while there are at most 256 distinct ones,
/// two bytes after.
enum Labels {
    Narrow(Vec<u8>),
    Wide(Vec<u16>),
}

impl Default for Labels {
    fn default() -> Self {
        Labels::Narrow(Vec::new())
    }
}

impl Labels {
    #[inline]
    fn get(&self, v: usize) -> usize {
        match self {
            Labels::Narrow(l) => usize::from(l[v]),
            Labels::Wide(l) => usize::from(l[v]),
        }
    }

    fn push(&mut self, label: u16) {
        match self {
            Labels::Narrow(l) => l.push(label as u8),
            Labels::Wide(l) => l.push(label),
        }
    }

    fn set(&mut self, v: usize, label: u16) {
        match self {
            Labels::Narrow(l) => l[v] = label as u8,
            Labels::Wide(l) => l[v] = label,
        }
    }

    /// Two bytes a label from now on (the 257th label is about to be).
    fn widen(&mut self) {
        if let Labels::Narrow(l) = self {
            *self = Labels::Wide(l.iter().map(|&b| u16::from(b)).collect());
        }
    }
}

/// `edge_len` of a long edge list.
const LONG: u8 = u8::MAX;

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
    pub fn add(&mut self, map: &FpTable, fp: u64, parent: u32, holds: u32) -> (u32, bool) {
        // The top two `u32` values are sentinels (here and in liveness.rs).
        let index = u32::try_from(self.parent.len())
            .ok()
            .filter(|&i| i < u32::MAX - 1)
            .expect("more than 2^32 - 2 distinct states");
        if let Err(known) = map.insert(fp, index) {
            return (known, false);
        }
        self.parent.push(parent);
        self.fps.push(fp);
        let holds = if self.liveness { holds } else { 0 };
        let label = self.label((holds, 0, 0));
        self.labels.push(label);
        (index, true)
    }

    /// The label of `value`, added if new.
    fn label(&mut self, value: Label) -> u16 {
        // A model has a handful of labels: scanning them is quicker than
        // hashing (SipHash took 2% of a check, twice a state).
        let known = if self.label_values.len() <= SCANNED_LABELS {
            self.label_values
                .iter()
                .position(|&l| l == value)
                .map(|i| i as u16)
        } else {
            self.label_index.get(&value).copied()
        };
        if let Some(label) = known {
            return label;
        }
        let label = u16::try_from(self.label_values.len()).expect(
            "more than 65,536 distinct combinations of Eventually-conditions and fairness classes",
        );
        if label == 256 {
            self.labels.widen();
        }
        self.label_values.push(value);
        self.label_index.insert(value, label);
        label
    }

    #[inline]
    fn label_of(&self, v: u32) -> Label {
        self.label_values[self.labels.get(v as usize)]
    }

    /// Which Eventually-conditions hold in `v` (a bit each; liveness only).
    #[inline]
    pub fn holds(&self, v: u32) -> u32 {
        self.label_of(v).0
    }

    /// Which fairness classes are enabled in `v` (a bit each; liveness only).
    #[inline]
    pub fn enabled(&self, v: u32) -> u32 {
        self.label_of(v).1
    }

    /// Records that `v` was expanded, with the fairness classes enabled in
    /// it and whether it has no successor at all.
    pub fn set_expanded(&mut self, v: u32, enabled: u32, terminal: bool) {
        let (holds, _, _) = self.label_of(v);
        let enabled = if self.liveness { enabled } else { 0 };
        let flags = EXPANDED | if terminal { TERMINAL } else { 0 };
        let label = self.label((holds, enabled, flags));
        self.labels.set(v as usize, label);
    }

    /// Starts the edge list of `v`; states since the last call get none.
    /// Must be called in increasing `v` order (BFS expansion order).
    pub fn open_edges(&mut self, v: u32) {
        self.close_before(v as usize);
        self.open = Some((v, self.edge_bytes.len() as u64));
        self.last_target = v;
    }

    /// Records the edge lengths of the states before `v`.
    fn close_before(&mut self, v: usize) {
        while self.edge_len.len() < v {
            let u = self.edge_len.len();
            let len = match self.open {
                Some((open, start)) if open as usize == u => self.edge_bytes.len() as u64 - start,
                _ => 0,
            };
            if u.is_multiple_of(BLOCK) {
                let at = self.edge_bytes.len() as u64 - len;
                self.edge_block.push(at);
            }
            match u8::try_from(len) {
                Ok(short) if short < LONG => self.edge_len.push(short),
                _ => {
                    self.edge_len.push(LONG);
                    self.long_edges.insert(u as u32, len);
                }
            }
        }
    }

    /// Appends an edge to the list opened last.
    pub fn push_edge(&mut self, target: u32, class: u8) {
        let delta = i64::from(target) - i64::from(self.last_target);
        self.last_target = target;
        let zigzag = ((delta << 1) ^ (delta >> 63)) as u64;
        let mut word = zigzag << 1 | u64::from(class != UNFAIR);
        while word >= 0x80 {
            self.edge_bytes.push(word as u8 | 0x80);
            word >>= 7;
        }
        self.edge_bytes.push(word as u8);
        if class != UNFAIR {
            self.edge_bytes.push(class);
        }
    }

    /// Closes the edge lists once exploration is over.
    pub fn finish(&mut self) {
        self.close_before(self.len());
        self.open = None;
        self.edge_bytes.shrink_to_fit();
    }

    /// Bytes of `v`'s edges.
    #[inline]
    fn edge_len(&self, v: usize) -> u64 {
        match self.edge_len[v] {
            LONG => self.long_edges[&(v as u32)],
            short => u64::from(short),
        }
    }

    /// The edges of `v` (after `finish`), in the order they were pushed.
    pub fn edges(&self, v: u32) -> Edges<'_> {
        let v = v as usize;
        let first = v - v % BLOCK;
        let before = &self.edge_len[first..v];
        let mut start =
            self.edge_block[v / BLOCK] + before.iter().map(|&b| u64::from(b)).sum::<u64>();
        if before.contains(&LONG) {
            for u in (first..v).filter(|&u| self.edge_len[u] == LONG) {
                start += self.edge_len(u) - u64::from(LONG);
            }
        }
        let end = start + self.edge_len(v);
        Edges {
            bytes: &self.edge_bytes[start as usize..end as usize],
            last: v as u32,
        }
    }

    /// The fingerprint of `v` (after `finish`).
    pub fn fp(&self, v: u32) -> u64 {
        self.fps.get(v)
    }

    /// Whether `v` was expanded.
    pub fn expanded(&self, v: u32) -> bool {
        self.label_of(v).2 & EXPANDED != 0
    }

    /// Whether `v` was expanded and has no successor.
    pub fn terminal(&self, v: u32) -> bool {
        self.label_of(v).2 & TERMINAL != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_lists_of_any_length_come_back() {
        let mut graph = Graph::new(true);
        let mut map = FpTable::default();
        let n = 3 * BLOCK as u32 + 9;
        for v in 0..n {
            map.reserve(1);
            graph.add(
                &map,
                u64::from(v).wrapping_mul(0x9e37_79b9_7f4a_7c15),
                NONE,
                0,
            );
        }
        // State v gets v % 7 edges, except every 50th, which gets 200
        // (each 3 bytes or more: a list longer than 255 bytes).
        let edges = |v: u32| -> Vec<(u32, u8)> {
            let count = if v % 50 == 3 { 200 } else { v % 7 };
            (0..count)
                .map(|i| {
                    (
                        (v * 31 + i * 977) % n,
                        if i % 3 == 0 { (i % 5) as u8 } else { UNFAIR },
                    )
                })
                .collect()
        };
        for v in (0..n).filter(|v| v % 11 != 0) {
            graph.set_expanded(v, 0, false);
            graph.open_edges(v);
            for (target, class) in edges(v) {
                graph.push_edge(target, class);
            }
        }
        graph.finish();
        assert!(!graph.long_edges.is_empty());
        for v in 0..n {
            let want = if v % 11 == 0 { Vec::new() } else { edges(v) };
            assert_eq!(graph.edges(v).collect::<Vec<_>>(), want, "state {v}");
            assert_eq!(graph.expanded(v), v % 11 != 0);
        }
    }

    #[test]
    fn labels_widen_past_256_and_keep_every_state_s() {
        let mut graph = Graph::new(true);
        let mut map = FpTable::default();
        for v in 0..600u32 {
            map.reserve(1);
            graph.add(
                &map,
                u64::from(v).wrapping_mul(0x9e37_79b9_7f4a_7c15),
                NONE,
                v % 300,
            );
        }
        graph.set_expanded(7, 5, true);
        assert!(matches!(graph.labels, Labels::Wide(_)));
        for v in 0..600u32 {
            assert_eq!(graph.holds(v), v % 300, "state {v}");
        }
        assert_eq!(
            (graph.enabled(7), graph.terminal(7), graph.expanded(8)),
            (5, true, false)
        );
    }
}
