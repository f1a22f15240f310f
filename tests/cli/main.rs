//! The command line, tested through the binary. One file per area.

mod bad_input;
mod compare;
mod ingest;
mod queries;
mod reliability;
mod util;
mod views;
