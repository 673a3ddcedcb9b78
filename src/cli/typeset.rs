//! The PDF formats of `export` and `compare`, made with the provider's layout; a build without
//! the PDF engine says so instead.

use crate::assessment::Assessment;
use crate::error::{Error, Result};
use crate::report::{self, compare::Comparison};

use super::Context;

#[cfg(feature = "pdf")]
pub fn report_pdf(
    context: &Context,
    assessment: &Assessment,
    made: &report::Context,
) -> Result<Vec<u8>> {
    report::pdf(assessment, made, &context.layout()?).map_err(Error::Invalid)
}

#[cfg(feature = "pdf")]
pub fn compare_pdf(context: &Context, c: &Comparison, made: &report::Context) -> Result<Vec<u8>> {
    report::compare_pdf(c, made, &context.layout()?).map_err(Error::Invalid)
}

#[cfg(not(feature = "pdf"))]
fn without_engine() -> Error {
    Error::Invalid(
        "this posture was built without the PDF engine: build it with the default features, or choose md, html or json".to_owned(),
    )
}

#[cfg(not(feature = "pdf"))]
pub fn report_pdf(_: &Context, _: &Assessment, _: &report::Context) -> Result<Vec<u8>> {
    Err(without_engine())
}

#[cfg(not(feature = "pdf"))]
pub fn compare_pdf(_: &Context, _: &Comparison, _: &report::Context) -> Result<Vec<u8>> {
    Err(without_engine())
}
