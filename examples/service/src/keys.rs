//! The `keys` subcommand: issue, rotate, revoke and list keys in the SQLite store, with
//! the formats, kinds and rotation grace the policy declares.

use scopec_keystore::{Clock, Error, NewKey, SqliteStore};
use scopec_runtime::{Policy, Tables};

/// Why a key action was refused.
#[derive(Debug)]
pub enum KeysError {
    /// The policy has no api of this name.
    UnknownApi(String),
    /// The policy declares no scope or alias of this name.
    UnknownScope(String),
    /// The api names kinds and this is not one.
    UnknownKind(String),
    /// The store failed.
    Store(Error),
}

impl std::fmt::Display for KeysError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeysError::UnknownApi(a) => write!(f, "the policy has no api `{a}`"),
            KeysError::UnknownScope(s) => write!(f, "the policy declares no scope `{s}`"),
            KeysError::UnknownKind(k) => write!(f, "the api names no key kind `{k}`"),
            KeysError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl From<Error> for KeysError {
    fn from(e: Error) -> Self {
        KeysError::Store(e)
    }
}

/// What to issue.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The api's name.
    pub api: String,
    /// Its kind; the api's only kind when it names one.
    pub kind: Option<String>,
    /// Scope names.
    pub scopes: Vec<String>,
    /// The environment of the key format to use (`live`), when the api declares several.
    pub env: Option<String>,
    /// Tenant.
    pub tenant: Option<String>,
    /// Expiry, in seconds from now.
    pub expires_in: Option<i64>,
    /// Label.
    pub label: String,
}

/// The key to issue for `request` under policy `P`: its api must exist, its scopes must be
/// declared, its kind one the api names, its prefix and length those of the api's format.
pub fn new_key<P: Policy>(request: &Request, now: i64) -> Result<NewKey, KeysError> {
    let tables: &Tables<P> = P::tables();
    let api =
        tables.apis.iter().find(|a| a.name == request.api).ok_or_else(|| KeysError::UnknownApi(request.api.clone()))?;
    if let Some(s) = request.scopes.iter().find(|s| P::name_index(s).is_none()) {
        return Err(KeysError::UnknownScope(s.clone()));
    }
    // The kinds the api's schemes accept (`auth … kind …`), else those its `keys` block names.
    let mut accepted: Vec<&str> = api.schemes.iter().flat_map(|s| s.kinds).map(|k| k.name::<P>()).collect();
    accepted.sort_unstable();
    accepted.dedup();
    let names = if accepted.is_empty() { api.kinds.to_vec() } else { accepted };
    let kind = match (&request.kind, names.as_slice()) {
        (Some(k), kinds) if kinds.is_empty() || kinds.contains(&k.as_str()) => Some(k.clone()),
        (Some(k), _) => return Err(KeysError::UnknownKind(k.clone())),
        (None, [only]) => Some((*only).to_string()),
        (None, _) => None,
    };
    // The formats of the key's kind, when its kind has formats.
    let of_kind = |f: &&scopec_runtime::KeyFormat| {
        f.kind.is_none_or(|k| kind.as_deref().is_none_or(|name| k.name::<P>() == name))
    };
    let formats = api.schemes.iter().flat_map(|s| s.key_formats::<P>()).filter(of_kind);
    let format =
        formats.clone().find(|f| request.env.is_none() || f.env == request.env.as_deref()).or(formats.clone().next());
    Ok(NewKey {
        api: request.api.clone(),
        kind,
        prefix: format.map_or(String::new(), |f| f.prefix.to_string()),
        length: format.and_then(|f| f.length.map(|(_, max)| max)),
        scopes: request.scopes.clone(),
        tenant: request.tenant.clone(),
        expires_at: request.expires_in.map(|s| now + s),
        label: request.label.clone(),
    })
}

/// The grace window of a rotation: `grace` when given, else the api's `rotation grace`.
pub fn grace<P: Policy>(api: &str, grace: Option<u64>) -> u64 {
    grace.or_else(|| P::tables().apis.iter().find(|a| a.name == api).and_then(|a| a.rotation_grace)).unwrap_or(0)
}

/// A listing of every key, one line each.
pub fn list<C: Clock>(store: &SqliteStore<C>) -> Result<String, KeysError> {
    let mut out = String::new();
    for k in store.list()? {
        out.push_str(&format!(
            "{:>4}  {:<8} {:<16} {:<24} {}  {}\n",
            k.id,
            k.state.name(),
            k.display,
            k.api,
            k.scopes.join(","),
            k.label
        ));
    }
    Ok(out)
}
