//! What a test run exercised: endpoints reached, scopes a decision depended on, and data
//! rules seen both applied and lifted.

use serde::Serialize;

use crate::engine::Decision;
use crate::model::{EndpointId, IdVec, Model, ScopeId};

/// Coverage of one data rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleCoverage {
    /// Some test saw the rule applied.
    pub applied: bool,
    /// Some test saw it lifted by its `unless`.
    pub lifted: bool,
    /// The rule has an `unless` (else it cannot be lifted).
    pub conditional: bool,
}

impl RuleCoverage {
    pub fn covered(&self) -> bool {
        self.applied && (self.lifted || !self.conditional)
    }
}

/// Per-item coverage of one policy.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub endpoints: IdVec<EndpointId, bool>,
    pub scopes: IdVec<ScopeId, bool>,
    /// `(endpoint, rule index)` → coverage.
    pub rules: Vec<((EndpointId, usize), RuleCoverage)>,
}

/// Covered and total counts, with the names of what is not covered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    pub covered: usize,
    pub total: usize,
    pub percent: f64,
    pub uncovered: Vec<String>,
}

impl Measure {
    fn new(items: impl Iterator<Item = (bool, String)>) -> Self {
        let (mut covered, mut total, mut uncovered) = (0, 0, Vec::new());
        for (ok, name) in items {
            total += 1;
            if ok {
                covered += 1;
            } else {
                uncovered.push(name);
            }
        }
        let percent = if total == 0 { 100.0 } else { covered as f64 * 100.0 / total as f64 };
        Measure { covered, total, percent, uncovered }
    }
}

impl Coverage {
    pub fn new(model: &Model) -> Self {
        let rules = model
            .endpoints
            .enumerate()
            .flat_map(|(e, ep)| {
                ep.rules.iter().enumerate().map(move |(i, r)| {
                    ((e, i), RuleCoverage { conditional: r.unless.is_some(), ..RuleCoverage::default() })
                })
            })
            .collect();
        Coverage { endpoints: model.endpoints.map(|_| false), scopes: model.scopes.map(|_| false), rules }
    }

    /// Records what one decision exercised.
    pub fn record(&mut self, model: &Model, decision: &Decision) {
        let Some(e) = decision.endpoint() else { return };
        self.endpoints[e] = true;
        let requirement = match decision {
            Decision::Allow(a) => &a.requirement,
            Decision::Deny(d) => &d.requirement,
            Decision::Unauthenticated { requirement, .. } => requirement,
            _ => return,
        };
        for s in requirement.scopes() {
            self.scopes[s] = true;
        }
        let Decision::Allow(a) = decision else { return };
        for (i, rule) in model.endpoints[e].rules.iter().enumerate() {
            for s in rule.unless.iter().flatten().flatten() {
                self.scopes[*s] = true;
            }
            let applied = a.rules.contains(&i);
            if let Some((_, c)) = self.rules.iter_mut().find(|(k, _)| *k == (e, i)) {
                if applied {
                    c.applied = true;
                } else {
                    c.lifted = true;
                }
            }
        }
    }

    pub fn endpoint_measure(&self, model: &Model) -> Measure {
        Measure::new(self.endpoints.enumerate().map(|(i, ok)| (*ok, model.endpoints[i].label())))
    }

    pub fn scope_measure(&self, model: &Model) -> Measure {
        Measure::new(self.scopes.enumerate().map(|(i, ok)| (*ok, model.scopes[i].name.clone())))
    }

    pub fn rule_measure(&self, model: &Model) -> Measure {
        Measure::new(self.rules.iter().map(|((e, i), c)| {
            let ep = &model.endpoints[*e];
            let rule = &ep.rules[*i];
            let missing = match (c.applied, c.covered()) {
                (_, true) => "",
                (false, _) => " (never applied)",
                (true, false) => " (never lifted)",
            };
            (c.covered(), format!("{} {} on {}{missing}", rule.kind.as_str(), rule.fields.join(", "), ep.label()))
        }))
    }
}
