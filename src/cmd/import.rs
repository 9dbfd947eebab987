//! `rotative import wordpress|jekyll|hugo SOURCE --into DIR`: converts an
//! archive into a rotative site and prints the report.

use super::{Error, Outcome};
use crate::import::ImportArgs;

pub fn run(args: &ImportArgs) -> Result<Outcome, Error> {
    let report = crate::import::run(args).map_err(|err| Error::Import {
        err: Box::new(err),
        into: args.into.clone(),
    })?;
    crate::report::imported(&report);
    Ok(Outcome::Done)
}
