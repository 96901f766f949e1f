//! Cycle finding on small directed graphs (requires, implies), without recursion.

/// Finds the cycles of a graph given as adjacency lists: for each cycle, its nodes in order,
/// starting at the node first reached. Each cycle is reported once.
pub fn cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Color {
        White,
        Grey,
        Black,
    }
    let n = edges.len();
    let mut color = vec![Color::White; n];
    let mut found = Vec::new();
    for start in 0..n {
        if color[start] != Color::White {
            continue;
        }
        // (node, index of next edge to follow)
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        color[start] = Color::Grey;
        while let Some(top) = stack.last_mut() {
            let (node, i) = *top;
            match edges[node].get(i) {
                Some(&next) => {
                    top.1 += 1;
                    match color.get(next) {
                        Some(Color::White) => {
                            color[next] = Color::Grey;
                            stack.push((next, 0));
                        }
                        Some(Color::Grey) => {
                            let from = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
                            found.push(stack[from..].iter().map(|(n, _)| *n).collect());
                        }
                        _ => {}
                    }
                }
                None => {
                    color[node] = Color::Black;
                    stack.pop();
                }
            }
        }
    }
    found
}

/// For each node, every node reachable from it (itself included), sorted. On a cyclic
/// graph (already reported through [`cycles`]) the edge closing a cycle is ignored.
/// `Err(node)` as soon as the closures hold more than `budget` entries in all, `node`
/// being the one whose closure went over: their size can grow with the square of the
/// graph's, so they are bounded rather than built.
pub fn closures(edges: &[Vec<usize>], budget: usize) -> Result<Vec<Vec<usize>>, usize> {
    let mut total = 0usize;
    let n = edges.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    // 0: not seen, 1: on the stack, 2: done
    let mut state = vec![0u8; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(top) = stack.last_mut() {
            let (node, i) = *top;
            if let Some(&next) = edges[node].get(i) {
                top.1 += 1;
                if next < n && state[next] == 0 {
                    state[next] = 1;
                    stack.push((next, 0));
                }
                continue;
            }
            let mut set = vec![node];
            for &next in &edges[node] {
                if next < n && state[next] == 2 {
                    set.extend_from_slice(&out[next]);
                }
            }
            set.sort_unstable();
            set.dedup();
            total += set.len();
            if total > budget {
                return Err(node);
            }
            out[node] = set;
            state[node] = 2;
            stack.pop();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_cycle_once() {
        let edges = vec![vec![1], vec![2], vec![0], vec![3]];
        assert_eq!(cycles(&edges), vec![vec![0, 1, 2], vec![3]]);
        assert!(cycles(&[vec![1], vec![]]).is_empty());
    }

    #[test]
    fn transitive_closure() {
        let edges = vec![vec![1], vec![2], vec![], vec![0]];
        assert_eq!(closures(&edges, 100), Ok(vec![vec![0, 1, 2], vec![1, 2], vec![2], vec![0, 1, 2, 3]]));
        // 1 + 2 + 3 entries: over a budget of 5 at node 0, the last closed.
        let chain = vec![vec![1], vec![2], vec![]];
        assert_eq!(closures(&chain, 5), Err(0));
    }
}
