//! Eventually-properties under weak fairness: SCCs of the violating subgraph.
//!
//! `AF goal` fails iff some path from an initial state stays in states
//! violating `goal` and either ends in a terminal state or ends in a weakly
//! fair infinite suffix. An infinite suffix eventually stays in one strongly
//! connected component C of the violating subgraph; C can host a weakly fair
//! suffix iff it has an edge (≥ 2 states or a self-loop) and every fairness
//! class enabled in *every* state of C labels some edge inside C.
//!
//! Why no SCC refinement (unlike strong fairness): if C passes the test, a
//! walk that keeps traversing all of C's states and edges is weakly fair,
//! because a class continuously enabled along it is enabled in every state of
//! C and so is taken inside C infinitely often. Conversely a fair suffix
//! visits infinitely often a set S ⊆ C; a class enabled in all of C is
//! enabled all along that suffix, hence taken infinitely often, on an edge
//! inside S ⊆ C. So the test on maximal SCCs is exact.
//!
//! States that were not expanded (boundary, or cut by `max_states`) are
//! unknown: they are neither terminal nor part of any cycle.

use std::collections::{HashMap, VecDeque};

use super::graph::{Edges, Graph, NONE, UNFAIR};

/// A step of a path in the graph: the state it leads to and the fairness
/// class of its edge (the first edge there of that class is meant).
pub(crate) type Step = (u32, u8);

/// A liveness counterexample as steps of the graph.
pub(crate) struct Lasso {
    /// The initial state the path starts from.
    pub root: u32,
    /// Steps from `root` to the entry state (terminal or in a fair SCC).
    pub prefix: Vec<Step>,
    /// Closed walk from the entry state back to it; empty for a terminal entry.
    pub cycle: Vec<Step>,
}

/// Per-state search data: one word a state (the graph may have a hundred
/// million), after Pearce's space-efficient variant of Tarjan's algorithm.
/// A state's low-link and the classes found inside its component live in
/// its call frame, not here, and a finished state's word becomes its
/// component's:
///
/// * below [`FAIR`]: visited, on Tarjan's stack, this is its discovery order;
/// * from [`FAIR`] up to [`UNFAIR_DONE`]: finished, in fair SCC `mark - FAIR`;
/// * [`UNFAIR_DONE`]: finished, in an SCC that cannot host a fair suffix;
/// * [`OUT`]: not in the violating subgraph; [`UNSEEN`]: not visited yet.
type Mark = u32;

/// First mark of a fair SCC; discovery orders stay below it.
const FAIR: Mark = 1 << 31;
/// Mark of a finished state whose SCC is not fair.
const UNFAIR_DONE: Mark = u32::MAX - 2;
/// Mark of a state outside the violating subgraph.
const OUT: Mark = u32::MAX - 1;
/// Mark of a violating state not visited yet.
const UNSEEN: Mark = u32::MAX;

/// Finds a counterexample to the Eventually-condition with holds-bit `bit`.
/// `None` means the property holds (as far as the explored graph tells).
pub(crate) fn counterexample(graph: &Graph, bit: u32) -> Option<Lasso> {
    assert!(
        graph.len() < FAIR as usize,
        "liveness is checked for at most 2^31 states"
    );
    // The subgraph: expanded states violating the condition.
    let mut marks: Vec<Mark> = (0..graph.len())
        .map(|v| {
            let inside = graph.expanded(v as u32) && graph.holds(v as u32) & bit == 0;
            if inside {
                UNSEEN
            } else {
                OUT
            }
        })
        .collect();
    let roots: Vec<u32> = (0..graph.num_init)
        .filter(|&v| marks[v as usize] != OUT)
        .collect();
    if !fair_sccs(graph, &mut marks, &roots) {
        return None;
    }
    let (root, entry, prefix) = shortest_prefix(graph, &marks, &roots)?;
    let c = marks[entry as usize];
    let cycle = if is_fair(c) {
        fair_cycle(graph, &marks, c, entry)
    } else {
        Vec::new()
    };
    Some(Lasso {
        root,
        prefix,
        cycle,
    })
}

/// Whether a mark is that of a finished state in a fair SCC.
fn is_fair(mark: Mark) -> bool {
    (FAIR..UNFAIR_DONE).contains(&mark)
}

/// A state being visited: its edges not looked at yet, the class of the
/// edge to the child visited last, its low-link, and the classes of the
/// edges found to stay inside its SCC (its own and those of the states
/// below it in the same SCC, handed up as they finish).
struct Frame<'a> {
    v: u32,
    edges: Edges<'a>,
    tree_class: u8,
    low: u32,
    taken: u32,
}

/// Depth-first bookkeeping of Tarjan's algorithm.
struct Tarjan<'a> {
    graph: &'a Graph,
    marks: &'a mut [Mark],
    counter: u32,
    /// Tarjan's stack of states whose SCC is not complete.
    stack: Vec<u32>,
    /// Simulated recursion.
    calls: Vec<Frame<'a>>,
    /// A terminal state was reached.
    found_terminal: bool,
}

impl Tarjan<'_> {
    /// Starts visiting `v`.
    fn enter(&mut self, v: u32) {
        self.marks[v as usize] = self.counter;
        self.calls.push(Frame {
            v,
            edges: self.graph.edges(v),
            tree_class: UNFAIR,
            low: self.counter,
            taken: 0,
        });
        self.counter += 1;
        self.stack.push(v);
        self.found_terminal |= self.graph.terminal(v);
    }
}

/// Class bit of an edge of class `class` (0 for unfair edges).
fn class_bit(class: u8) -> u32 {
    match class {
        UNFAIR => 0,
        c => 1 << c,
    }
}

/// Iterative Tarjan over the violating subgraph reachable from `roots`,
/// classifying each SCC as it completes and marking its states. Returns
/// whether a terminal state or a fair SCC is reachable.
///
/// The classes taken inside an SCC are collected during the search, with no
/// second pass over its edges: an edge to a state still on Tarjan's stack
/// stays in the SCC, and so does a tree edge to a child that is not the root
/// of its own SCC; every other edge leaves the SCC.
fn fair_sccs(graph: &Graph, marks: &mut [Mark], roots: &[u32]) -> bool {
    let mut fair = 0;
    let mut t = Tarjan {
        graph,
        marks,
        counter: 0,
        stack: Vec::new(),
        calls: Vec::new(),
        found_terminal: false,
    };

    for &root in roots {
        if t.marks[root as usize] != UNSEEN {
            continue;
        }
        t.enter(root);
        while let Some(frame) = t.calls.last_mut() {
            let mut child = None;
            for (w, class) in frame.edges.by_ref() {
                let mark = t.marks[w as usize];
                if mark == UNSEEN {
                    child = Some(w);
                    frame.tree_class = class;
                    break;
                }
                if mark < FAIR {
                    // On the stack: in v's SCC.
                    frame.low = frame.low.min(mark);
                    frame.taken |= class_bit(class);
                }
            }
            if let Some(w) = child {
                t.enter(w);
                continue;
            }
            let Frame { v, low, taken, .. } = t.calls.pop().expect("the frame above");
            let order = t.marks[v as usize];
            if low != order {
                // v's SCC is its parent's: the tree edge to v stays inside.
                let parent = t.calls.last_mut().expect("a root's low is its order");
                parent.low = parent.low.min(low);
                parent.taken |= taken | class_bit(parent.tree_class);
                continue;
            }
            // v is the root of an SCC: the top of the stack down to v.
            let start = t
                .stack
                .iter()
                .rposition(|&x| x == v)
                .expect("v is on the stack");
            let members = &t.stack[start..];
            let always_enabled = members
                .iter()
                .fold(u32::MAX, |all, &m| all & graph.enabled(m));
            let cyclic = members.len() > 1 || graph.edges(v).any(|(w, _)| w == v);
            let mark = if cyclic && always_enabled & !taken == 0 {
                fair += 1;
                FAIR + fair - 1
            } else {
                UNFAIR_DONE
            };
            for &m in members {
                t.marks[m as usize] = mark;
            }
            t.stack.truncate(start);
        }
    }
    t.found_terminal || fair > 0
}

/// Multi-source BFS from the violating initial states, through violating
/// states, to the nearest terminal state or fair-SCC state.
/// Returns (root, entry state, prefix steps).
fn shortest_prefix(graph: &Graph, marks: &[Mark], roots: &[u32]) -> Option<(u32, u32, Vec<Step>)> {
    let inside = |v: u32| marks[v as usize] != OUT;
    let is_target = |v: u32| graph.terminal(v) || is_fair(marks[v as usize]);
    let mut parent = vec![UNSEEN; graph.len()];
    let mut queue = VecDeque::new();
    let mut hit = None;
    for &r in roots {
        if parent[r as usize] == UNSEEN {
            parent[r as usize] = r;
            if is_target(r) {
                hit = Some(r);
                break;
            }
            queue.push_back(r);
        }
    }
    'bfs: while hit.is_none() {
        let v = queue.pop_front()?;
        for (w, _) in graph.edges(v) {
            if parent[w as usize] != UNSEEN || !inside(w) {
                continue;
            }
            parent[w as usize] = v;
            if is_target(w) {
                hit = Some(w);
                break 'bfs;
            }
            queue.push_back(w);
        }
    }
    let entry = hit?;
    let mut prefix = Vec::new();
    let mut x = entry;
    while parent[x as usize] != x {
        let u = parent[x as usize];
        let e = graph
            .edges(u)
            .find(|&(w, _)| w == x)
            .expect("BFS edge exists");
        prefix.push(e);
        x = u;
    }
    prefix.reverse();
    Some((x, entry, prefix))
}

/// A weakly fair closed walk inside fair SCC `c` from `entry` back to it,
/// built from shortest BFS pieces.
///
/// The walk itself must be fair, not just the SCC: every class enabled in all
/// states *of the walk* must be taken on it. While some class is enabled all
/// along but not taken, the walk is extended to the nearest edge of that
/// class or the nearest state where it is disabled; one exists since the SCC
/// is fair. Extending only shrinks "enabled all along" and grows "taken", so
/// this ends after at most 32 pieces plus one to close the walk.
fn fair_cycle(graph: &Graph, marks: &[Mark], c: Mark, entry: u32) -> Vec<Step> {
    let inside = |w: u32| marks[w as usize] == c;
    let enabled = |w: u32| graph.enabled(w);
    let mut walk: Vec<Step> = Vec::new();
    let mut enabled_all = graph.enabled(entry);
    let mut taken = 0u32;
    let mut at = entry;
    loop {
        let missing = enabled_all & !taken;
        let piece = if missing != 0 {
            let bit = 1 << missing.trailing_zeros();
            shortest_walk(graph, &inside, at, |(w, class)| {
                class_bit(class) == bit || enabled(w) & bit == 0
            })
        } else if at != entry || walk.is_empty() {
            shortest_walk(graph, &inside, at, |(w, _)| w == entry)
        } else {
            return walk;
        };
        for &(w, class) in &piece {
            taken |= class_bit(class);
            enabled_all &= enabled(w);
        }
        at = piece.last().expect("non-empty piece").0;
        walk.extend(piece);
    }
}

/// Shortest non-empty step sequence from `from`, through states `inside`
/// only, whose last step satisfies `goal`.
///
/// # Panics
/// If there is none: callers only ask for edges that exist in the SCC.
fn shortest_walk(
    graph: &Graph,
    inside: &dyn Fn(u32) -> bool,
    from: u32,
    goal: impl Fn(Step) -> bool,
) -> Vec<Step> {
    // Sparse: the SCC may be much smaller than the graph.
    let mut parent: HashMap<u32, (u32, Step)> = HashMap::new();
    parent.insert(from, (NONE, (NONE, UNFAIR)));
    let mut queue = VecDeque::from([from]);
    while let Some(u) = queue.pop_front() {
        for step in graph.edges(u).filter(|&(w, _)| inside(w)) {
            if goal(step) {
                let mut path = vec![step];
                let mut x = u;
                while x != from {
                    let (p, pe) = parent[&x];
                    path.push(pe);
                    x = p;
                }
                path.reverse();
                return path;
            }
            let w = step.0;
            parent.entry(w).or_insert_with(|| {
                queue.push_back(w);
                (u, step)
            });
        }
    }
    unreachable!("a fair SCC contains the edges its cycle needs")
}
