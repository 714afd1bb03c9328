import Foundation
import Testing
@testable import PhoneDeskCore

extension Store {
    /// `<tree>/<secret>/` of a phone (tests look at what nginx would serve).
    func phoneDirectory(of phone: Phone) throws -> URL {
        try servedDirectory().appendingPathComponent(try #require(phone.secret))
    }

    /// The directory of the phone with this MAC, as the account is now.
    func phoneDirectory(ofMAC hex: String) throws -> URL {
        try phoneDirectory(of: try #require(try load().data.phones.first { $0.mac?.hex == hex }))
    }
}
