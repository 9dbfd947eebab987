//! `rotative serve`: the preview server, until interrupted.

use super::{Error, Outcome};
use crate::serve::ServeOptions;

pub fn run(opts: ServeOptions) -> Result<Outcome, Error> {
    crate::serve::run(opts)?;
    Ok(Outcome::Done)
}
