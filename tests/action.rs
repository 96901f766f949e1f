//! The GitHub Action and the pre-commit hooks: well-formed, and tested the way they run
//! (every `action/run.sh` step of `action.yml` is also a step of `.ci/run`).

mod common;

fn read(path: &str) -> String {
    std::fs::read_to_string(common::root().join(path)).unwrap()
}

/// The `action/run.sh` subcommands a text calls.
fn steps(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .lines()
        .filter_map(|l| l.split("action/run.sh").nth(1))
        .filter_map(|rest| rest.trim_start_matches('"').split_whitespace().next().map(str::to_string))
        .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_action_is_a_composite_whose_steps_ci_runs() {
    let action: serde_yaml::Value = serde_yaml::from_str(&read("action.yml")).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["paths", "fail-on", "coverage", "base-ref"] {
        assert!(action["inputs"][input]["default"].is_string(), "input {input}");
    }
    let ours = steps(&read("action.yml"));
    assert_eq!(ours, ["build", "check", "diff", "fmt", "test"]);
    assert_eq!(steps(&read(".ci/run")), ours, ".ci/run must run every step of the Action");
    let script = read("action/run.sh");
    for step in &ours {
        assert!(script.contains(&format!("    {step})")), "run.sh has no `{step}`");
    }
    let example = read("examples/ci/github-actions.yml");
    let workflow: serde_yaml::Value = serde_yaml::from_str(&example).unwrap();
    let uses: Vec<&str> = workflow["jobs"]["policies"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(uses.iter().any(|u| u.contains("/scopec@")), "the example workflow does not use the Action: {uses:?}");
}

#[test]
fn the_pre_commit_hooks_run_scopec_commands() {
    let hooks: serde_yaml::Value = serde_yaml::from_str(&read(".pre-commit-hooks.yaml")).unwrap();
    let hooks = hooks.as_sequence().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["scopec-fmt", "scopec-check"]);
    for h in hooks {
        let entry = h["entry"].as_str().unwrap();
        let command: Vec<&str> = entry.split_whitespace().collect();
        assert_eq!(command[0], "scopec");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_scopec"))
            .args(&command[1..])
            .arg("policies/rxscale.policy")
            .current_dir(common::root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{entry}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(h["language"], "rust");
    }
}
