import Foundation

/// Errors raised by the demo generator's file helpers.
public enum DemoError: Error, Sendable, Equatable {
    /// No mailbox has this index.
    case invalidMailbox(Int)
    /// No restore point has this index.
    case invalidRestorePoint(Int)
    /// The folder path is not part of the demo folder tree.
    case unknownFolder([String])
    /// The output file could not be created.
    case cannotCreateFile(String)
}
