//! Level-synchronous breadth-first exploration that builds the [`Graph`].
//!
//! Each BFS level is cut into batches. Threads expand a batch (`expand.rs`),
//! then the calling thread merges the results sequentially in frontier
//! order, which is the only place indices are assigned: results do not
//! depend on the thread count.

use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use stateright::Model;

use super::expand::{
    expand_batch, expand_while, fill_batch, Expansion, Scratch, Shared, Successor, Target,
};
use super::frontier::{Item, Level, States};
use super::graph::{state_fingerprint, FpTable, Graph, NONE};
use super::properties::{low_bits, take_fresh, watched_found, Checks};
use super::{resident_memory, Checkable, Options, Progress, Stop};

/// Minimum time between two progress reports.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);
/// Minimum time between two looks at the memory in use (with a limit).
const MEMORY_EVERY: Duration = Duration::from_millis(20);

/// What exploration produced, besides the graph.
pub(crate) struct Explored {
    /// The state graph.
    pub graph: Graph,
    /// Successors computed (with duplicates) plus initial states.
    pub states_generated: u64,
    /// Depth of the deepest state.
    pub max_depth: usize,
    /// States outside the boundary.
    pub boundary_states: usize,
    /// What stopped exploration before every reachable state inside the
    /// boundary was expanded, if anything.
    pub stopped: Option<Stop>,
    /// Per safety property, the first (hence shallowest) discovery, or `NONE`.
    pub discoveries: Vec<u32>,
    /// Per step property, the first (hence shallowest) step satisfying it:
    /// (source state, action index, target state).
    pub step_discoveries: Vec<Option<(u32, u32, u32)>>,
}

/// Counters and state of a running exploration.
struct Explorer<'a, M: Model> {
    checks: &'a Checks<M>,
    graph: Graph,
    states_generated: u64,
    /// Depth of the level being expanded.
    depth: usize,
    max_depth: usize,
    boundary_states: usize,
    discoveries: Vec<u32>,
    /// Safety properties without a discovery yet.
    pending: u64,
    step_discoveries: Vec<Option<(u32, u32, u32)>>,
    /// Step properties without a discovery yet.
    pending_steps: u64,
}

impl<'a, M: Model> Explorer<'a, M> {
    /// Registers a state found at `depth`, returning its index and whether it
    /// is new. New states inside the boundary are pushed onto `next`.
    #[allow(clippy::too_many_arguments)]
    fn discover(
        &mut self,
        map: &FpTable,
        fp: u64,
        state: Item<'_, M::State>,
        parent: u32,
        (inside, holds, found): (bool, u32, u64),
        depth: usize,
        next: &mut Level<M::State>,
    ) -> (u32, bool) {
        let (index, new) = self.graph.add(map, fp, parent, holds);
        if new {
            self.max_depth = self.max_depth.max(depth);
            take_fresh(found, &mut self.pending, |slot| {
                self.discoveries[slot] = index
            });
            if inside {
                next.push(index, state);
            } else {
                self.boundary_states += 1;
            }
        }
        (index, new)
    }

    /// Merges the expansion of state `v` into the graph.
    fn merge<'s>(
        &mut self,
        map: &FpTable,
        v: u32,
        enabled: u32,
        successors: impl Iterator<Item = Successor>,
        new_states: &mut impl Iterator<Item = Item<'s, M::State>>,
        next: &mut Level<M::State>,
    ) {
        let mut count = 0;
        // Liveness only looks at edges between states that both violate some
        // Eventually-condition: only those are stored.
        let source_violates = if self.graph.liveness {
            self.graph.open_edges(v);
            !self.graph.holds(v) & self.checks.eventually_mask()
        } else {
            0
        };
        for s in successors {
            count += 1;
            let target = match s.target {
                Target::Known(t) => t,
                Target::New {
                    fp,
                    inside,
                    holds,
                    found,
                } => {
                    let state = new_states.next().expect("one state per new successor");
                    let info = (inside, holds, found);
                    let depth = self.depth + 1;
                    self.discover(map, fp, state, v, info, depth, next).0
                }
            };
            take_fresh(s.steps_found, &mut self.pending_steps, |slot| {
                self.step_discoveries[slot] = Some((v, s.action, target));
            });
            if source_violates != 0 && source_violates & !self.graph.holds(target) != 0 {
                self.graph.push_edge(target, s.class);
            }
        }
        self.states_generated += count;
        self.graph.set_expanded(v, enabled, count == 0);
    }

    /// What the expanding threads read: the level, the table, and which
    /// properties are still pending (as of the last merge).
    fn shared<'s>(
        &self,
        model: &'s M,
        level: &'s Level<M::State>,
        map: &'s FpTable,
    ) -> Shared<'s, M>
    where
        'a: 's,
    {
        Shared {
            model,
            level,
            checks: self.checks,
            map,
            pending: self.pending,
            pending_steps: self.pending_steps,
        }
    }

    fn progress(&self) -> Progress {
        Progress {
            distinct_states: self.graph.len(),
            states_generated: self.states_generated,
            depth: self.max_depth,
        }
    }
}

/// Merges expanded `chunks` into the graph sequentially, in frontier order.
/// Returns true if `max_states` stopped exploration.
fn merge_batch<M>(
    ex: &mut Explorer<'_, M>,
    map: &FpTable,
    chunks: &mut [Mutex<Expansion<M::State>>],
    max_states: usize,
    next: &mut Level<M::State>,
) -> bool
where
    M: Model,
{
    /// How many successors ahead the table slots of new ones are prefetched.
    const AHEAD: usize = 16;
    let mut stopped = false;
    for chunk in chunks {
        let out = chunk.get_mut().expect("no worker panicked");
        let successors = &out.successors;
        let mut new_states = out.new_states.drain();
        let mut start = 0;
        let mut ahead = 0;
        for &(v, enabled, count) in &out.expanded {
            if ex.graph.len() >= max_states {
                stopped = true;
                break;
            }
            let end = start + count as usize;
            // Inserting a new state misses the cache like its lookup did.
            while ahead < successors.len() && ahead < end + AHEAD {
                if let Target::New { fp, .. } = successors[ahead].target {
                    map.prefetch(fp);
                }
                ahead += 1;
            }
            let these = successors[start..end].iter().copied();
            ex.merge(map, v, enabled, these, &mut new_states, next);
            start = end;
        }
        drop(new_states);
        out.new_states.clear();
        out.successors.clear();
        out.expanded.clear();
    }
    stopped
}

/// Successors of expanded `chunks` that were not known when they were
/// expanded: at most this many states are new when the chunks are merged.
fn new_candidates<S>(chunks: &mut [Mutex<Expansion<S>>]) -> usize {
    chunks
        .iter_mut()
        .map(|c| {
            let out = c.get_mut().expect("no worker panicked");
            let new = |s: &&Successor| matches!(s.target, Target::New { .. });
            out.successors.iter().filter(new).count()
        })
        .sum()
}

/// Explores the reachable state space of `model` breadth-first.
pub(crate) fn explore<M>(
    model: &M,
    checks: &Checks<M>,
    options: &Options,
    watched: u64,
    progress: &mut dyn FnMut(&Progress),
) -> Explored
where
    M: Checkable + Sync,
    M::State: Hash + Clone + Send + Sync,
    M::Action: Clone + Send,
{
    let threads = options.threads.max(1);
    let max_states = options.max_states.unwrap_or(usize::MAX);
    let mut ex = Explorer {
        checks,
        graph: Graph::new(!checks.eventually.is_empty()),
        states_generated: 0,
        depth: 0,
        max_depth: 0,
        boundary_states: 0,
        discoveries: vec![NONE; checks.safety.len()],
        pending: low_bits(checks.safety.len()),
        step_discoveries: vec![None; checks.steps.len()],
        pending_steps: low_bits(checks.steps.len()),
    };

    // The BFS level about to be expanded, and the next one: states with their
    // indices. Both are reused level after level: memory returned to the
    // system would have to be faulted in and zeroed again.
    // Encoded only on request: a model's codec costs time (for the TCP
    // model's serde form, half again as much CPU time per state).
    let codec = model.state_codec().filter(|_| options.compact_frontier);
    let mut level = Level::new(codec);
    let mut next = Level::new(codec);
    let mut map = FpTable::default();
    for state in model.init_states() {
        ex.states_generated += 1;
        let info = checks.evaluate(model, &state, ex.pending);
        let fp = state_fingerprint(model, &state);
        map.reserve(1);
        let mut one = States::new(codec);
        one.push(state);
        let item = one.drain().next().expect("one state");
        ex.discover(&map, fp, item, NONE, info, 0, &mut level);
    }
    ex.graph.num_init = ex.graph.len() as u32;

    // Scratch buffers per thread. Two sets of output slots, one chunk per
    // slot: while the calling thread merges one batch, the others already
    // expand the next one (the merge is sequential, so without this overlap
    // it would idle every other thread for its duration).
    let mut scratch: Vec<Scratch<M>> = (0..threads).map(|_| Scratch::default()).collect();
    // Threads besides the calling one, kept for the whole exploration:
    // spawning them for each of thousands of batches cost 2-3% of a run.
    let pool = (threads > 1).then(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads - 1)
            .thread_name(|i| format!("synack-expand-{i}"))
            .build()
            .expect("cannot start threads")
    });
    let mut merging: Vec<Mutex<Expansion<M::State>>> = Vec::new();
    let mut expanding: Vec<Mutex<Expansion<M::State>>> = Vec::new();
    let mut last_report = Instant::now();
    let mut stopped = None;
    let mut next_memory_look = Instant::now();
    'levels: while !level.is_empty() {
        if options.max_depth.is_some_and(|d| ex.depth >= d) {
            // The level stays in the graph as unknown states.
            stopped = Some(Stop::MaxDepth);
            break;
        }
        let mut frontier = 0;
        let mut batch = fill_batch(&mut frontier, level.len(), &mut merging, threads);
        level.load_before(frontier);
        let shared = ex.shared(model, &level, &map);
        expand_batch(pool.as_ref(), &shared, &mut merging[..batch], &mut scratch);
        loop {
            // Room for every possibly new successor, while nobody reads.
            map.reserve(new_candidates(&mut merging[..batch]));
            let upcoming = if frontier < level.len() {
                let upcoming = fill_batch(&mut frontier, level.len(), &mut expanding, threads);
                level.load_before(frontier);
                upcoming
            } else {
                0
            };
            let shared = ex.shared(model, &level, &map);
            let mut merge =
                || merge_batch(&mut ex, &map, &mut merging[..batch], max_states, &mut next);
            let full = match &pool {
                Some(pool) if upcoming > 0 => {
                    let chunks = &mut expanding[..upcoming];
                    expand_while(pool, &shared, chunks, &mut scratch, merge)
                }
                _ => {
                    let full = merge();
                    if upcoming > 0 && !full {
                        let chunks = &mut expanding[..upcoming];
                        expand_batch(pool.as_ref(), &shared, chunks, &mut scratch);
                    }
                    full
                }
            };
            if full {
                stopped = Some(Stop::MaxStates);
                break 'levels;
            }
            if let Some(limit) = options.memory_limit {
                if Instant::now() >= next_memory_look {
                    next_memory_look = Instant::now() + MEMORY_EVERY;
                    if memory_needed(&ex, &map, threads) > limit {
                        stopped = Some(Stop::MemoryLimit);
                        break 'levels;
                    }
                }
            }
            // Every state before `frontier` is expanded: only the indices
            // in the expansions are read from here on.
            level.release_before(frontier);
            if last_report.elapsed() >= PROGRESS_EVERY {
                progress(&ex.progress());
                last_report = Instant::now();
            }
            if upcoming == 0 {
                break;
            }
            std::mem::swap(&mut merging, &mut expanding);
            batch = upcoming;
        }
        level.clear();
        std::mem::swap(&mut level, &mut next);
        ex.depth += 1;
        release_free_memory();
        if options.stop_on_violation && watched_found(&ex.discoveries, watched) && !level.is_empty()
        {
            // The unexpanded next level stays in the graph as unknown states.
            stopped = Some(Stop::Violation);
            break;
        }
    }
    drop(map);
    ex.graph.finish();
    progress(&ex.progress());
    Explored {
        graph: ex.graph,
        states_generated: ex.states_generated,
        max_depth: ex.max_depth,
        boundary_states: ex.boundary_states,
        stopped,
        discoveries: ex.discoveries,
        step_discoveries: ex.step_discoveries,
    }
}

/// Returns the allocator's free pages to the system. glibc keeps what is
/// freed below memory still in use; the buffers of a BFS level, grown and
/// freed level after level, left 52 MB of it at 2/2/1 (10% of the peak).
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only gives back pages no allocation uses.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Memory the check would need if it went on for another moment: what it
/// holds now (resident), the next growth of the fingerprint table if it is
/// near, and what the liveness searches will allocate for the states known
/// (per search run at the same time, a word a state; and a word a state
/// for the prefix of a counterexample).
fn memory_needed<M: Model>(ex: &Explorer<'_, M>, map: &FpTable, threads: usize) -> u64 {
    let searches = ex.checks.eventually.len().min(threads) as u64;
    let liveness = if searches > 0 {
        ex.graph.len() as u64 * (4 * searches + 4)
    } else {
        0
    };
    resident_memory().unwrap_or(0) + map.growth_ahead() as u64 + liveness
}
