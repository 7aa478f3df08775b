use synack_conformance::generate::matrix::{matrix, Entry};
use std::collections::BTreeMap;
fn main() {
    let t = std::time::Instant::now();
    let m = matrix();
    eprintln!("matrix in {:?}", t.elapsed());
    let mut rows: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in &m {
        let c = e.cell();
        let k = format!("{}{}", c.state.rfc_name(), c.row);
        let r = rows.entry(k).or_default();
        match e { Entry::Case(..) => r.0 += 1, Entry::Unproducible(..) => r.1 += 1 }
    }
    for (k, (a, b)) in &rows { println!("{k}: {a} cases, {b} unproducible"); }
    println!("{} rows, {} entries, {} cases", rows.len(), m.len(), m.iter().filter(|e| matches!(e, Entry::Case(..))).count());
}
#[allow(dead_code)]
fn lines() {}
