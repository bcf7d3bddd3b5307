/// `ErrorCategory` and `CategorizedError` come with JourneyCore: every module that imports
/// the core can declare its errors' categories.
@_exported import JourneyErrors
