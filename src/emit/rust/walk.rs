//! The fast route walk of a generated module: one function per node of the route tree,
//! each trying its literal children (switched on the first byte, compared a word at a
//! time), then its parameter, then its catch-all, as a hand-written recursive-descent
//! router would. Position and backtracking live in registers and return values.

use super::byte_str;
use super::layout::{Code, MAX_WIDTH, byte_char};
use crate::model::Model;

/// A literal arm of a node's switch: first byte, literal (a chain of single-child nodes
/// joined with `/`), and the node it leads to.
struct Arm {
    first: u8,
    literal: String,
    child: usize,
}

/// The literal arms of node `n`, with chains of nodes that have one literal child and
/// nothing else to try matched at once (`api/public/v1`), as a radix tree would: no
/// alternative is skipped.
fn arms(model: &Model, n: usize) -> Vec<Arm> {
    let nodes = &model.routes.nodes;
    let lone_child = |n: usize| {
        let node = &nodes[n];
        let plain = node.param.is_none() && node.catch_all.is_none() && node.end.is_none() && node.end_slash.is_none();
        match (plain, node.literals.len()) {
            (true, 1) => node.literals.iter().next().map(|(l, c)| (l.clone(), *c)),
            _ => None,
        }
    };
    let mut out: Vec<Arm> = nodes[n]
        .literals
        .iter()
        .map(|(l, c)| {
            let (mut literal, mut child) = (l.clone(), *c);
            while let Some((next, grandchild)) = lone_child(child) {
                literal = format!("{literal}/{next}");
                child = grandchild;
            }
            Arm { first: l.as_bytes().first().copied().unwrap_or(0), literal, child }
        })
        .collect();
    out.sort_by(|a, b| (a.first, &a.literal).cmp(&(b.first, &b.literal)));
    out
}

fn route_ref(r: Option<usize>) -> String {
    r.map_or("NONE".to_string(), |x| x.to_string())
}

/// Writes the node functions `n0`, `n1`, …; `n0` is the root, called at the byte after
/// the target's leading `/`. The node functions call each other in the shape of the route
/// tree, so there is no recursion cycle.
pub fn node_functions(code: &mut Code, model: &Model) {
    let mut consts = Vec::new();
    let all_arms: Vec<Vec<Arm>> = (0..model.routes.nodes.len()).map(|n| arms(model, n)).collect();
    // Only the nodes a walk calls: the inner nodes of a chain are matched with it.
    let mut called = vec![false; model.routes.nodes.len()];
    let mut todo = vec![0];
    while let Some(n) = todo.pop() {
        if called.get(n).copied().unwrap_or(true) {
            continue;
        }
        called[n] = true;
        todo.extend(all_arms[n].iter().map(|a| a.child));
        todo.extend(model.routes.nodes[n].param);
    }
    for (i, (node, arms)) in model.routes.nodes.iter().zip(&all_arms).enumerate() {
        if !called[i] {
            continue;
        }
        if i == 0 {
            code.doc(0, "The root of the route tree: the path after its leading `/`.");
        }
        code.line(0, &format!("fn n{i}(t: &[u8], p: usize) -> Walk {{"));
        // The path ends here.
        code.line(1, "if path_end(t, p) {");
        let end = match (i, node.end, node.end_slash) {
            (0, Some(r), _) => format!("Ok(({r}, p))"),
            (0, None, _) | (_, None, None) => "Err(Miss::NoRoute)".to_string(),
            (_, end, slash) => format!("ended(t, p, {}, {})", route_ref(end), route_ref(slash)),
        };
        code.line(2, &format!("return {end};"));
        code.line(1, "}");
        // The steps to try, in order; every one but the last falls through on `NoRoute`.
        let mut steps: Vec<Vec<String>> = Vec::new();
        if !arms.is_empty() {
            let mut lines = vec!["match t[p] {".to_string()];
            for (k, arm) in arms.iter().enumerate() {
                let first = byte_char(arm.first);
                let mut lit = byte_str(&arm.literal).flat();
                let body = format!("n{}(t, after(t, p + {}))", arm.child, arm.literal.len());
                // 8 (two levels of indentation) + the arm.
                let head = |lit: &str| format!("{first} if literal_is(&t[p..], {lit}) =>");
                if 8 + head(&lit).len() + 2 > MAX_WIDTH {
                    let name = format!("LITERAL_{i}_{k}");
                    // rustfmt moves the value to its own line when that makes it fit.
                    let one_line = format!("const {name}: &[u8] = {lit};");
                    consts.push(if one_line.len() > MAX_WIDTH && 4 + lit.len() < MAX_WIDTH {
                        format!("const {name}: &[u8] =\n    {lit};")
                    } else {
                        one_line
                    });
                    lit = name;
                }
                let one_line = format!("{} {body},", head(&lit));
                if 8 + one_line.len() <= MAX_WIDTH {
                    lines.push(format!("    {one_line}"));
                } else {
                    lines.push(format!("    {} {{", head(&lit)));
                    lines.push(format!("        {body}"));
                    lines.push("    }".to_string());
                }
            }
            lines.push("    _ => Err(Miss::NoRoute),".to_string());
            lines.push("}".to_string());
            steps.push(lines);
        }
        if let Some(param) = node.param {
            steps.push(vec![format!("n{param}(t, after(t, param_end(t, p)?))")]);
        }
        if let Some(route) = node.catch_all {
            steps.push(vec![format!("rest(t, p, {route})")]);
        }
        if steps.is_empty() {
            code.line(1, "Err(Miss::NoRoute)");
        }
        let last = steps.len().saturating_sub(1);
        for (k, step) in steps.iter().enumerate() {
            if k == last {
                for l in step {
                    code.line(1, l);
                }
                continue;
            }
            let (head, tail) = step.split_first().map_or(("", &[][..]), |(h, t)| (h.as_str(), t));
            code.line(1, &format!("let found = {head}"));
            for (j, l) in tail.iter().enumerate() {
                let end = if j + 1 == tail.len() { ";" } else { "" };
                code.line(1, &format!("{l}{end}"));
            }
            if tail.is_empty() {
                // A one-line step: `let found = …;` (the head already holds it).
                let fixed = code.text.trim_end_matches('\n').to_string();
                code.text = format!("{fixed};\n");
            }
            code.line(1, "if found != Err(Miss::NoRoute) {");
            code.line(2, "return found;");
            code.line(1, "}");
        }
        code.line(0, "}");
        code.line(0, "");
    }
    if !consts.is_empty() {
        for c in &consts {
            code.line(0, c);
        }
        code.line(0, "");
    }
}
