//! The router, wrapped in the policy's layer.

use axum::Router;
use axum::routing::{get, patch};
use scopec_tower::{Config, KeyStore, ScopecLayer};

use crate::handlers;
use crate::seeds::rxscale::Policy;

/// The RxScale service over a key store.
pub fn app<K: KeyStore<Policy>>(store: K, config: Config) -> Router {
    Router::new()
        .route("/v1/management_api/orders/{uid}", get(handlers::order))
        .route("/v1/management_api/prescriptions/{uid}", get(handlers::prescription))
        .route("/v1/management_api/patients/", get(handlers::patient_by_email))
        .route("/v1/management_api/patients/{uid}", get(handlers::patient))
        .route("/v1/external_pharmacy_api/pharmacy_orders/", get(handlers::pharmacy_orders))
        .route("/v1/external_pharmacy_api/pharmacy_skus/", get(handlers::pharmacy_skus))
        .route("/v1/external_pharmacy_api/pharmacy_skus/{uid}/stock", patch(handlers::update_stock))
        .route("/v1/public_api/orders/{shop_identifier}", get(handlers::public_orders))
        .fallback(handlers::not_implemented)
        .layer(ScopecLayer::<Policy, K>::new(store, config))
}
