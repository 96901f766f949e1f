//! An axum service enforcing a scopec policy: the tables come from the build script,
//! keys live in SQLite (`scopec-keystore`), and `scopec-tower` does everything between
//! the request and the handler.

pub mod app;
pub mod echo;
pub mod handlers;
pub mod keys;

/// The seed policies' generated modules.
pub mod seeds {
    /// MaxCare.
    pub mod maxcare {
        include!(concat!(env!("OUT_DIR"), "/maxcare.rs"));
    }
    /// PlusMedical.
    pub mod plusmedical {
        include!(concat!(env!("OUT_DIR"), "/plusmedical.rs"));
    }
    /// RxScale: the policy this service serves.
    pub mod rxscale {
        include!(concat!(env!("OUT_DIR"), "/rxscale.rs"));
    }
}

/// A fixture policy of the HTTP tests: a key in a query parameter, a legacy header, two
/// schemes on one api, nested field paths.
#[doc(hidden)]
pub mod fixtures {
    /// `tests/fixtures/schemes.policy`.
    pub mod schemes {
        include!(concat!(env!("OUT_DIR"), "/schemes.rs"));
    }
}
