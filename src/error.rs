//! [`Error`]: every stage's error under one type, with a hint for the user.

use std::path::PathBuf;

use crate::intake::IntakeError;
use crate::remote::RemoteError;
use crate::render::RenderError;
use crate::serve::ServeError;
use crate::store::StoreError;
use crate::views::ViewError;

/// An error of any stage.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading a plan file failed.
    #[error(transparent)]
    Intake(#[from] IntakeError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A view could not be built or searched.
    #[error(transparent)]
    View(#[from] ViewError),
    /// A view could not be rendered or written.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The server could not start.
    #[error(transparent)]
    Serve(#[from] ServeError),
    /// A remote store refused or could not be reached.
    #[error(transparent)]
    Remote(#[from] RemoteError),
    /// A metadata sidecar file is unreadable or malformed.
    #[error("{}: {message}", .path.display())]
    Sidecar { path: PathBuf, message: String },
}

impl Error {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Error::Intake(e) => e.hint(),
            Error::Store(e) => e.hint(),
            Error::View(e) => e.hint(),
            Error::Render(e) => e.hint(),
            Error::Serve(e) => e.hint(),
            Error::Remote(e) => e.hint(),
            Error::Sidecar { .. } => Some(
                "a sidecar is a JSON object with fields such as \"title\", \"region\", \"level\", \"period\", \"date\"",
            ),
        }
    }
}
