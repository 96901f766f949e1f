#!/usr/bin/env bash
# The commands of the scopec GitHub Action (action.yml), one per step. `.ci/run` runs them
# too, the same way, so the Action is tested on every change.
#
#   run.sh check | fmt | test | build | diff REF
#
# Settings come from the environment (the Action's inputs set them):
#   SCOPEC                 the scopec binary (default: scopec on PATH)
#   SCOPEC_PATHS           policy files or directories, space-separated (default: policies/)
#   SCOPEC_COVERAGE        the coverage floor of `scopec test`, in percent (default: 100)
#   SCOPEC_FAIL_ON         what fails `scopec diff` (default: breaking)
#   SCOPEC_DENY_WARNINGS   `true` makes lint warnings fail `scopec check` (default: true)
#   SCOPEC_OUT             where SARIF and the diff report are written (default: .)
#   GITHUB_STEP_SUMMARY    when set, the diff's Markdown report is appended to it
set -euo pipefail

scopec=${SCOPEC:-scopec}
read -r -a paths <<< "${SCOPEC_PATHS:-policies/}"
out=${SCOPEC_OUT:-.}
mkdir -p "$out"

case "${1:-}" in
    check)
        deny=()
        if [ "${SCOPEC_DENY_WARNINGS:-true}" = true ]; then deny=(--deny warnings); fi
        # SARIF first and whatever it finds: code scanning shows it even when the gate fails.
        "$scopec" check --format sarif "${deny[@]}" "${paths[@]}" > "$out/scopec-check.sarif" || true
        "$scopec" check --format github "${deny[@]}" "${paths[@]}"
        ;;
    fmt)
        "$scopec" fmt --check "${paths[@]}"
        ;;
    test)
        "$scopec" test --min-coverage "${SCOPEC_COVERAGE:-100}" "${paths[@]}"
        ;;
    build)
        "$scopec" build --check "${paths[@]}"
        ;;
    diff)
        ref=${2:?usage: run.sh diff REF}
        "$scopec" diff --against "$ref" --fail-on none --format markdown -o "$out/scopec-diff.md" "${paths[@]}"
        "$scopec" diff --against "$ref" --fail-on none --format sarif -o "$out/scopec-diff.sarif" "${paths[@]}"
        if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$out/scopec-diff.md" >> "$GITHUB_STEP_SUMMARY"; fi
        # The annotations, and the verdict.
        "$scopec" diff --against "$ref" --fail-on "${SCOPEC_FAIL_ON:-breaking}" --format github "${paths[@]}"
        ;;
    *)
        echo "usage: run.sh check|fmt|test|build|diff REF" >&2
        exit 2
        ;;
esac
