//! The command line, tested through the binary. One file per area.

mod bad_input;
mod compare;
mod http;
mod ingest;
mod publish;
mod queries;
mod reliability;
mod serve;
mod util;
mod views;
