//! `rotative import wordpress EXPORT.xml`.

use super::ImportError;
use super::post::Sink;

pub fn import(_sink: &mut Sink) -> Result<(), ImportError> {
    Err(ImportError::Usage("not yet".into()))
}
