//! Text from PDF files (written in the next step).

use super::ExtractError;

pub(crate) fn text(_bytes: &[u8], _max: usize) -> Result<String, ExtractError> {
    Err(ExtractError::Unsupported("PDF files yet"))
}
