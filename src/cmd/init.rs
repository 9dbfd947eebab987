//! `rotative init DIR`: creates a publication and says what to do next.

use super::{Error, Outcome};
use crate::authoring::init::{InitOptions, create};

pub fn run(opts: InitOptions) -> Result<Outcome, Error> {
    let files = create(&opts)?;
    crate::report::initialized(&opts.dir, &files);
    Ok(Outcome::Done)
}
