// Index loops mirror the reference scorer line for line, which keeps the port checkable.
#![expect(clippy::needless_range_loop)]

//! A faithful port of the reference scorer (`shared/gold/score.py`): the same
//! folding, the same one-to-one matching and the same micro-averaged P/R/F1, so a
//! Rust test can hold the extraction to the gold without Python or `../shared`.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use unicode_normalization::UnicodeNormalization;

pub fn fold(s: &str) -> String {
    let s: String = s
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    let kept: String = s
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_' || c.is_whitespace())
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn name_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => v
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned(),
    }
}

fn keys(v: &Value) -> BTreeSet<String> {
    let mut k = BTreeSet::new();
    k.insert(fold(&name_of(v)));
    if let Some(a) = v.get("aliases").and_then(Value::as_array) {
        for x in a {
            k.insert(fold(x.as_str().unwrap_or("")));
        }
    }
    k.remove("");
    k
}

/// One-to-one matching: exact canonical names first, then a predicted name among
/// the gold keys, then any key overlap.
pub fn matching(gold: &[Value], pred: &[Value]) -> Vec<(usize, usize)> {
    let gk: Vec<BTreeSet<String>> = gold.iter().map(keys).collect();
    let pk: Vec<BTreeSet<String>> = pred.iter().map(keys).collect();
    let gname: Vec<String> = gold.iter().map(|g| fold(&name_of(g))).collect();
    let pname: Vec<String> = pred.iter().map(|p| fold(&name_of(p))).collect();
    let mut pairs = Vec::new();
    let mut used_g = BTreeSet::new();
    let mut used_p = BTreeSet::new();
    for i in 0..gold.len() {
        for j in 0..pred.len() {
            if !used_p.contains(&j)
                && !used_g.contains(&i)
                && !gname[i].is_empty()
                && gname[i] == pname[j]
            {
                pairs.push((i, j));
                used_g.insert(i);
                used_p.insert(j);
            }
        }
    }
    for rank in 0..2 {
        for i in 0..gold.len() {
            if used_g.contains(&i) {
                continue;
            }
            for j in 0..pred.len() {
                let ok = if rank == 0 {
                    gk[i].contains(&pname[j])
                } else {
                    !gk[i].is_disjoint(&pk[j])
                };
                if !used_p.contains(&j) && ok {
                    pairs.push((i, j));
                    used_g.insert(i);
                    used_p.insert(j);
                    break;
                }
            }
        }
    }
    pairs
}

#[derive(Default, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn add(&mut self, tp: usize, n_pred: usize, n_gold: usize) {
        self.tp += tp;
        self.fp += n_pred - tp;
        self.fn_ += n_gold - tp;
    }
    fn f1(self) -> f64 {
        let p = if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else {
            1.0
        };
        let r = if self.tp + self.fn_ > 0 {
            self.tp as f64 / (self.tp + self.fn_) as f64
        } else {
            1.0
        };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn arr(v: &Value, k: &str) -> Vec<Value> {
    v.get(k)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Scores predictions against gold, both keyed by source file name. Returns
/// field → F1 (or accuracy for `meeting.*`), and human-readable notes.
pub fn score(
    gold: &BTreeMap<String, Value>,
    pred: &BTreeMap<String, Value>,
) -> (BTreeMap<String, f64>, Vec<String>) {
    let fields = [
        "people",
        "spoke",
        "listed",
        "organisations",
        "topics",
        "affiliations",
        "agenda",
    ];
    let meeting_fields = [
        "series",
        "number",
        "date",
        "start_time_utc",
        "moderators",
        "hosts",
        "next_meeting_date",
    ];
    let mut tally: HashMap<&str, Tally> = fields.iter().map(|f| (*f, Tally::default())).collect();
    let mut meeting_ok: HashMap<&str, usize> = HashMap::new();
    let mut identity: Vec<(String, String)> = Vec::new();
    let mut notes = Vec::new();
    let empty = Value::Object(Default::default());
    for (src, g) in gold {
        let p = pred.get(src).unwrap_or(&empty);
        if !pred.contains_key(src) {
            notes.push(format!("{src}: no prediction"));
        }
        let gp = arr(g, "people");
        let pp = arr(p, "people");
        let pairs = matching(&gp, &pp);
        if let Some(t) = tally.get_mut("people") {
            t.add(pairs.len(), pp.len(), gp.len());
        }
        let matched: HashMap<usize, usize> = pairs.iter().copied().collect();
        for (i, gperson) in gp.iter().enumerate() {
            if !matched.contains_key(&i) {
                notes.push(format!("{src}: people FN {}", name_of(gperson)));
            }
            let pname = matched
                .get(&i)
                .map_or(format!("<unmatched:{src}:{i}>"), |&j| {
                    fold(&name_of(&pp[j]))
                });
            identity.push((fold(&name_of(gperson)), pname));
        }
        let matched_p: BTreeSet<usize> = pairs.iter().map(|&(_, j)| j).collect();
        for (j, x) in pp.iter().enumerate() {
            if !matched_p.contains(&j) {
                notes.push(format!("{src}: people FP {}", name_of(x)));
            }
        }
        for flag in ["spoke", "listed"] {
            let gs: Vec<Value> = gp
                .iter()
                .filter(|x| x.get(flag).and_then(Value::as_bool) == Some(true))
                .cloned()
                .collect();
            let ps: Vec<Value> = pp
                .iter()
                .filter(|x| x.get(flag).and_then(Value::as_bool) == Some(true))
                .cloned()
                .collect();
            let pr = matching(&gs, &ps);
            let gm: BTreeSet<usize> = pr.iter().map(|x| x.0).collect();
            let pm: BTreeSet<usize> = pr.iter().map(|x| x.1).collect();
            for (i, x) in gs.iter().enumerate().filter(|(i, _)| !gm.contains(i)) {
                let _ = i;
                notes.push(format!("{src}: {flag} FN {}", name_of(x)));
            }
            for (_, x) in ps.iter().enumerate().filter(|(j, _)| !pm.contains(j)) {
                notes.push(format!("{src}: {flag} FP {}", name_of(x)));
            }
            if let Some(t) = tally.get_mut(flag) {
                t.add(pr.len(), ps.len(), gs.len());
            }
        }
        for field in ["organisations", "topics"] {
            let ge = arr(g, field);
            let pe = arr(p, field);
            let pr = matching(&ge, &pe);
            let gm: BTreeSet<usize> = pr.iter().map(|x| x.0).collect();
            let pm: BTreeSet<usize> = pr.iter().map(|x| x.1).collect();
            for (_, x) in ge.iter().enumerate().filter(|(i, _)| !gm.contains(i)) {
                notes.push(format!("{src}: {field} FN {}", name_of(x)));
            }
            for (_, x) in pe.iter().enumerate().filter(|(j, _)| !pm.contains(j)) {
                notes.push(format!("{src}: {field} FP {}", name_of(x)));
            }
            if let Some(t) = tally.get_mut(field) {
                t.add(pr.len(), pe.len(), ge.len());
            }
        }
        // Affiliations: organisation keys widened by the gold report's own aliases.
        let mut org_alias: HashMap<String, BTreeSet<String>> = HashMap::new();
        for o in arr(g, "organisations") {
            let ks = keys(&o);
            for k in &ks {
                org_alias.insert(k.clone(), ks.clone());
            }
        }
        let org_keys = |name: &str| {
            let k = fold(name);
            org_alias
                .get(&k)
                .cloned()
                .unwrap_or_else(|| BTreeSet::from([k]))
        };
        let affs = |v: &Value| -> Vec<String> {
            v.get("affiliations")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let n_gold: usize = gp.iter().map(|x| affs(x).len()).sum();
        let n_pred: usize = pp.iter().map(|x| affs(x).len()).sum();
        let mut tp = 0;
        for &(i, j) in &pairs {
            let ga: Vec<BTreeSet<String>> = affs(&gp[i]).iter().map(|a| org_keys(a)).collect();
            let pa: Vec<BTreeSet<String>> = affs(&pp[j]).iter().map(|a| org_keys(a)).collect();
            let mut used = BTreeSet::new();
            for gk in &ga {
                if let Some(n) =
                    (0..pa.len()).find(|n| !used.contains(n) && !gk.is_disjoint(&pa[*n]))
                {
                    used.insert(n);
                    tp += 1;
                } else {
                    notes.push(format!(
                        "{src}: affiliation FN {} {:?}",
                        name_of(&gp[i]),
                        gk.iter().next()
                    ));
                }
            }
        }
        if let Some(t) = tally.get_mut("affiliations") {
            t.add(tp, n_pred, n_gold);
        }
        let title = |a: &Value| {
            fold(
                a.get("title")
                    .and_then(Value::as_str)
                    .unwrap_or(a.as_str().unwrap_or("")),
            )
        };
        let ga: Vec<String> = arr(g, "agenda").iter().map(title).collect();
        let mut pool: Vec<String> = arr(p, "agenda").iter().map(title).collect();
        let n_pred_agenda = pool.len();
        let mut tp = 0;
        for t in &ga {
            if let Some(k) = pool.iter().position(|x| x == t) {
                pool.remove(k);
                tp += 1;
            } else {
                notes.push(format!("{src}: agenda FN {t}"));
            }
        }
        for t in &pool {
            notes.push(format!("{src}: agenda FP {t}"));
        }
        if let Some(t) = tally.get_mut("agenda") {
            t.add(tp, n_pred_agenda, ga.len());
        }
        let gm = g.get("meeting").cloned().unwrap_or(Value::Null);
        let pm = p.get("meeting").cloned().unwrap_or(Value::Null);
        for k in meeting_fields {
            let gv = gm.get(k).cloned().unwrap_or(Value::Null);
            let pv = pm.get(k).cloned().unwrap_or(Value::Null);
            let ok = match k {
                "moderators" | "hosts" => {
                    let by_name: HashMap<String, Value> =
                        gp.iter().map(|x| (name_of(x), x.clone())).collect();
                    let gl: Vec<Value> = gv
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                        .iter()
                        .map(|x| {
                            by_name
                                .get(x.as_str().unwrap_or(""))
                                .cloned()
                                .unwrap_or_else(|| serde_json::json!({"name": x}))
                        })
                        .collect();
                    let pl = pv.as_array().cloned().unwrap_or_default();
                    let m = matching(&gl, &pl);
                    m.len() == gl.len() && gl.len() == pl.len()
                }
                "series" => fold(gv.as_str().unwrap_or("")) == fold(pv.as_str().unwrap_or("")),
                _ => gv == pv || (!gv.is_null() && !pv.is_null() && strip(&gv) == strip(&pv)),
            };
            *meeting_ok.entry(k).or_default() += usize::from(ok);
            if !ok {
                notes.push(format!("{src}: meeting.{k} gold {gv} predicted {pv}"));
            }
        }
    }
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for a in 0..identity.len() {
        for b in a + 1..identity.len() {
            let same_g = identity[a].0 == identity[b].0;
            let same_p = identity[a].1 == identity[b].1;
            tp += usize::from(same_g && same_p);
            fp += usize::from(same_p && !same_g);
            fn_ += usize::from(same_g && !same_p);
        }
    }
    let ip = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        1.0
    };
    let ir = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        1.0
    };
    let mut results: BTreeMap<String, f64> = fields
        .iter()
        .map(|f| ((*f).to_owned(), tally[f].f1()))
        .collect();
    results.insert(
        "identity".into(),
        if ip + ir > 0.0 {
            2.0 * ip * ir / (ip + ir)
        } else {
            0.0
        },
    );
    let n = gold.len().max(1) as f64;
    for k in meeting_fields {
        results.insert(
            format!("meeting.{k}"),
            *meeting_ok.get(k).unwrap_or(&0) as f64 / n,
        );
    }
    (results, notes)
}

fn strip(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
