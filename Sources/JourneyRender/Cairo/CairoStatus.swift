import CPangoCairo

/// Turns a Cairo status code into a thrown `RenderError`, saying what was being done.
///
/// Every wrapper in this folder funnels its checks through here, so a failure always
/// carries Cairo's own wording ("out of memory", "invalid size") plus our context.
/// The corresponding C function is `cairo_status_to_string`.
func checkCairo(_ status: cairo_status_t, during: @autoclosure () -> String) throws {
    guard status != CAIRO_STATUS_SUCCESS else { return }
    throw RenderError.cairo(status: String(cString: cairo_status_to_string(status)), during: during())
}
