//! The response body of the layer: the inner service's body, untouched, or one the layer
//! wrote (an error body, or a body with the data rules applied).

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::Full;

use super::BoxError;

/// The layer's response body.
#[derive(Debug)]
pub struct ScopecBody<B> {
    inner: Inner<B>,
}

#[derive(Debug)]
enum Inner<B> {
    Passed(B),
    Written(Full<Bytes>),
}

impl<B> ScopecBody<B> {
    /// A body the layer wrote.
    pub fn full(bytes: Bytes) -> Self {
        ScopecBody { inner: Inner::Written(Full::new(bytes)) }
    }

    /// The inner service's body, streamed as it comes.
    pub fn passed(body: B) -> Self {
        ScopecBody { inner: Inner::Passed(body) }
    }
}

impl<B> Body for ScopecBody<B>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match &mut self.get_mut().inner {
            Inner::Passed(b) => Pin::new(b).poll_frame(cx).map_err(Into::into),
            Inner::Written(b) => Pin::new(b).poll_frame(cx).map_err(|never| match never {}),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.inner {
            Inner::Passed(b) => b.is_end_stream(),
            Inner::Written(b) => b.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.inner {
            Inner::Passed(b) => b.size_hint(),
            Inner::Written(b) => b.size_hint(),
        }
    }
}
