//! Deciding a request: [`authorize`] and the [`Decision`] it returns.

use super::endpoint::Requirement;
use super::headers::{header_whens_met, Headers};
use super::kind::KindId;
use super::method::Method;
use super::policy::Policy;
use super::query::whens_met;
use super::rejection::Rejection;
use super::route::{fast_route, lookup, plainly_valid, Miss, NONE};
use super::scheme::{accepts, Key};
use super::scope_set::ScopeSet;
use super::target::{check_target, Target};

/// The decision for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision<P: Policy> {
    /// Serve it, applying the data rules of [`Allowed`].
    Allow(Allowed<P>),
    /// 401: a key is needed and none was sent in a way the api accepts.
    Unauthenticated {
        /// The endpoint the request routed to.
        endpoint: usize,
    },
    /// 403: the key's scopes do not satisfy the requirement.
    Deny(Denied<P>),
    /// 404: no route matches the path.
    NotFound,
    /// 405: the path matches, the method does not.
    MethodNotAllowed {
        /// The route the path matched.
        route: usize,
    },
    /// 400: the target is malformed or hostile.
    Rejected(Rejection),
}

/// An allowed request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowed<P: Policy> {
    /// Index into the module's `ENDPOINTS`.
    pub endpoint: usize,
    applied: u32,
    /// The key came by a `legacy` scheme.
    pub legacy: bool,
    /// The key's kind, if known.
    pub kind: Option<KindId>,
    policy: core::marker::PhantomData<P>,
}

impl<P: Policy> Allowed<P> {
    fn fields(&self, list: impl Fn(usize) -> &'static [(&'static str, u32)]) -> impl Iterator<Item = &'static str> {
        let applied = self.applied;
        list(self.endpoint).iter().filter(move |(_, rules)| rules & applied != 0).map(|(f, _)| *f)
    }

    /// Fields to remove from the response, sorted.
    pub fn strip(&self) -> impl Iterator<Item = &'static str> {
        self.fields(|e| P::tables().endpoint_data.get(e).map_or(&[], |d| d.strip))
    }

    /// Fields to redact in the response, sorted.
    pub fn mask(&self) -> impl Iterator<Item = &'static str> {
        self.fields(|e| P::tables().endpoint_data.get(e).map_or(&[], |d| d.mask))
    }

    /// Row filters the handler must apply, sorted.
    pub fn filters(&self) -> impl Iterator<Item = &'static str> {
        self.fields(|e| P::tables().endpoint_data.get(e).map_or(&[], |d| d.filters))
    }

    /// Obligations the handler must enforce (`oblige`; the resource decides them), sorted.
    pub fn obligations(&self) -> impl Iterator<Item = &'static str> {
        self.fields(|e| P::tables().endpoint_data.get(e).map_or(&[], |d| d.obligations))
    }
}

/// A forbidden request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Denied<P: Policy> {
    /// Index into the module's `ENDPOINTS`.
    pub endpoint: usize,
    requirement: u16,
    /// The request's effective scopes.
    pub effective: ScopeSet<P>,
    /// The key's kind, if known.
    pub kind: Option<KindId>,
}

impl<P: Policy> Denied<P> {
    fn requirement(&self) -> Option<&'static Requirement<P>> {
        P::tables().endpoint_data.get(self.endpoint)?.requirements.get(usize::from(self.requirement))
    }

    /// The requirement in force (with the `when`s the query met), as the policy writes it.
    pub fn required(&self) -> &'static str {
        self.requirement().map_or("", |r| r.text)
    }

    /// For each way open to the key's kind to satisfy the requirement, the scopes still
    /// missing (no set that includes another, in the order of the requirement's
    /// alternatives). None when no alternative is open to the key's kind.
    pub fn missing(&self) -> impl Iterator<Item = ScopeSet<P>> + '_ {
        let alternatives = self.requirement().map_or(&[][..], |r| r.for_kind(self.kind));
        let effective = self.effective;
        alternatives.iter().enumerate().filter_map(move |(i, a)| {
            let m = a.difference(&effective);
            let absorbed = alternatives.iter().enumerate().any(|(j, b)| {
                let n = b.difference(&effective);
                n.is_subset(&m) && (n != m || j < i)
            });
            (!absorbed).then_some(m)
        })
    }
}

impl<P: Policy> Decision<P> {
    /// The HTTP status: 200 for allow.
    pub const fn status(&self) -> u16 {
        match self {
            Decision::Allow(_) => 200,
            Decision::Rejected(_) => 400,
            Decision::Unauthenticated { .. } => 401,
            Decision::Deny(_) => 403,
            Decision::NotFound => 404,
            Decision::MethodNotAllowed { .. } => 405,
        }
    }
}

/// The route of a target and the index of its `?` (or its length), or the decision that
/// ends the request before a route is known.
#[inline(always)]
fn route_of<P: Policy>(t: &[u8]) -> Result<(usize, usize), Decision<P>> {
    match fast_route::<P>(t) {
        Ok(found) => Ok(found),
        Err(Miss::NoRoute) if plainly_valid(t) => Err(Decision::NotFound),
        Err(miss) => general_route::<P>(t, miss),
    }
}

/// The general path, for targets the fast walk is unsure of: check the whole target in
/// the engine's order (with no route, only a malformed target makes a 400 instead of a
/// 404), then route. Kept out of line, so that the fast path stays small.
#[cold]
#[inline(never)]
fn general_route<P: Policy>(t: &[u8], miss: Miss) -> Result<(usize, usize), Decision<P>> {
    let mut checked = Target::new(t.len());
    if let Err(r) = check_target(t, &mut checked) {
        return Err(Decision::Rejected(r));
    }
    let route = match miss {
        Miss::NoRoute => NONE,
        Miss::Unsure => lookup::<P>(&checked, t).map_err(Decision::Rejected)?,
    };
    if route == NONE {
        return Err(Decision::NotFound);
    }
    Ok((usize::from(route), checked.query))
}

/// The endpoint of a request and the index of its target's `?` (or its length), or the
/// decision (400, 404 or 405) that ends the request before a key matters.
#[inline(always)]
fn endpoint_of<P: Policy>(method: &str, t: &[u8]) -> Result<(usize, usize), Decision<P>> {
    let (route, query) = route_of::<P>(t)?;
    match (Method::parse(method), P::tables().endpoint_of.get(route)) {
        (Some(m), Some(row)) if row[m.code()] != NONE => Ok((usize::from(row[m.code()]), query)),
        _ => Err(Decision::MethodNotAllowed { route }),
    }
}

/// The endpoint (index into the module's `ENDPOINTS`) a request routes to, or the decision
/// that ends it before a key matters: `Rejected`, `NotFound` or `MethodNotAllowed`.
/// [`authorize`] routes the same way; a server calls this first to learn which api, and so
/// which schemes, the request's key must come by. Does not allocate.
#[inline]
pub fn locate<P: Policy>(method: &str, target: &str) -> Result<usize, Decision<P>> {
    endpoint_of::<P>(method, target.as_bytes()).map(|(endpoint, _)| endpoint)
}

/// Decides a request: `method`, `target` (path and optional query, as received), the key
/// if one was sent, and the other grant sets. Does not allocate. It is not given the
/// request's headers, so every `when header` condition counts as met (the stricter
/// reading); a server whose policy has such conditions calls [`authorize_with_headers`].
#[inline]
pub fn authorize<P: Policy>(method: &str, target: &str, key: Option<&Key<'_, P>>, grants: &P::Grants) -> Decision<P> {
    decide::<P, [(&str, &str)]>(method, target, None, key, grants)
}

/// [`authorize`], with the request's headers for `when header` conditions (read through
/// `headers`, which does not allocate for the implementations of this crate and of
/// `scopec-tower`).
#[inline]
pub fn authorize_with_headers<P: Policy, H: Headers + ?Sized>(
    method: &str,
    target: &str,
    headers: &H,
    key: Option<&Key<'_, P>>,
    grants: &P::Grants,
) -> Decision<P> {
    decide::<P, H>(method, target, Some(headers), key, grants)
}

#[inline(always)]
fn decide<P: Policy, H: Headers + ?Sized>(
    method: &str,
    target: &str,
    headers: Option<&H>,
    key: Option<&Key<'_, P>>,
    grants: &P::Grants,
) -> Decision<P> {
    let tables = P::tables();
    let t = target.as_bytes();
    let (endpoint, query) = match endpoint_of::<P>(method, t) {
        Ok(found) => found,
        Err(decision) => return decision,
    };
    let data = &tables.endpoint_data[endpoint];
    let met = match data.whens {
        [] => 0,
        whens => {
            // No query: every parameter is absent (and counts as its default).
            let in_query = whens_met(whens, t.get(query + 1..).unwrap_or(&[]));
            in_query | header_whens_met(whens, headers)
        }
    };
    let requirement = &data.requirements[met];
    let api = &tables.apis[data.api];
    let accepted = key.and_then(|k| accepts(api, k.via, k.kind).map(|legacy| (k, legacy)));
    let (effective, legacy, kind) = match accepted {
        Some((k, legacy)) => {
            let mut names = k.scopes;
            for set in api.grant_sets {
                names = names.intersection(P::grant(grants, *set));
            }
            match k.kind.and_then(|i| tables.kinds.get(usize::from(i.0))) {
                // Outside the kind's scopes a name grants nothing, and the closure adds nothing.
                Some(data) => (data.restrict(data.restrict(names).effective()), legacy, k.kind),
                None => (names.effective(), legacy, k.kind),
            }
        }
        None if requirement.anonymous => (ScopeSet::EMPTY, false, None),
        None => return Decision::Unauthenticated { endpoint },
    };
    if !requirement.anonymous && !requirement.for_kind(kind).iter().any(|a| a.is_subset(&effective)) {
        return Decision::Deny(Denied { endpoint, requirement: met as u16, effective, kind });
    }
    let mut applied = 0u32;
    for (i, rule) in data.rules.iter().enumerate() {
        if !rule.unless.iter().any(|a| a.is_subset(&effective)) {
            applied |= 1 << i;
        }
    }
    Decision::Allow(Allowed { endpoint, applied, legacy, kind, policy: core::marker::PhantomData })
}
