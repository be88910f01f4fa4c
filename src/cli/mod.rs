//! The commands that are more than a call into the pipeline: the dev server and `init`.
//! Parsing flags, printing and exit codes live in `main.rs`.

pub mod init;
pub mod serve;
