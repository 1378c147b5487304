import BillingCore

extension SandboxWorld {
    /// Creates a contact (or, with `upsert`, updates the one with the same e-mail). Returns the contact,
    /// whether it is new, and nil when a plain create hits an existing e-mail (GHL refuses duplicates).
    func ghlSave(_ draft: GHLContactDraft, upsert: Bool) -> (contact: GHLContact, isNew: Bool)? {
        let now = company.now.secondsSinceEpoch
        if let email = draft.email?.lowercased(), !email.isEmpty,
            let index = company.ghlContacts.firstIndex(where: { $0.email.lowercased() == email })
        {
            guard upsert else { return nil }
            draft.apply(to: &company.ghlContacts[index])
            company.ghlContacts[index].dateUpdated = now
            company.version += 1
            return (company.ghlContacts[index], false)
        }
        let serial = UInt64(2_000_000_000 + company.ghlContacts.count)
        var contact = GHLContact(
            id: GHLGenerator.contactID(seed: company.seed, serial: serial), locationID: company.ghlLocationID,
            firstName: "", lastName: "", email: "", phone: "", companyName: "", address1: "", city: "", state: "",
            country: "", postalCode: "", tags: [], dateAdded: now, dateUpdated: now, notes: [])
        draft.apply(to: &contact)
        company.ghlContacts.append(contact)
        company.version += 1
        return (contact, true)
    }

    /// Updates a contact; nil when there is none with that id.
    func ghlUpdate(id: String, _ draft: GHLContactDraft) -> GHLContact? {
        guard let index = company.contactIndex(id: id) else { return nil }
        draft.apply(to: &company.ghlContacts[index])
        company.ghlContacts[index].dateUpdated = company.now.secondsSinceEpoch
        company.version += 1
        return company.ghlContacts[index]
    }

    /// Deletes a contact; false when there is none with that id.
    func ghlDelete(id: String) -> Bool {
        guard let index = company.contactIndex(id: id) else { return false }
        company.ghlContacts.remove(at: index)
        company.version += 1
        return true
    }

    /// Adds a note to a contact; nil when there is none with that id.
    func ghlAddNote(contactID: String, body: String, userID: String) -> GHLNote? {
        guard let index = company.contactIndex(id: contactID) else { return nil }
        let note = GHLNote(
            id: GHLGenerator.contactID(
                seed: company.seed,
                serial: UInt64(3_000_000_000 + company.ghlContacts[index].notes.count) ^ UInt64(index << 20)),
            body: body, userID: userID, dateAdded: company.now.secondsSinceEpoch)
        company.ghlContacts[index].notes.append(note)
        company.version += 1
        return note
    }
}
