//! `rotative import hugo SITE`.

use super::ImportError;
use super::post::Sink;

pub fn import(_sink: &mut Sink) -> Result<(), ImportError> {
    Err(ImportError::Usage("not yet".into()))
}
