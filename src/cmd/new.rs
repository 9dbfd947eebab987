//! `rotative new "Titre"`: starts an article and prints its path.

use super::{Error, Outcome};
use crate::authoring::new::{NewOptions, create};
use std::path::Path;

pub fn run(opts: NewOptions) -> Result<Outcome, Error> {
    let created = create(&opts)?;
    // The path as the user would type it from where they are.
    let shown = if opts.root == Path::new(".") {
        created.rel.clone()
    } else {
        opts.root.join(&created.rel)
    };
    crate::report::created(&created.warnings, &shown);
    Ok(Outcome::Done)
}
