/// The fields of a backlog item (README: "Backlog files"): what `BacklogFileLoader` reads, with
/// the bounds it checks, and what `northstar schema` tells editors. The loader's known fields
/// are this table's names; its checks are these rules.
public enum ItemFields {
    /// A severity of need, 1 (low) to 5 (critical).
    public static let need = NumberRule.between(1, 5)
    /// How sure the team is of the estimates, 0 to 1.
    public static let confidence = NumberRule.between(0, 1)
    /// A contribution to a mission objective, 0 to 1.
    public static let contribution = NumberRule.between(0, 1)
    /// People reached in one group: more than live on Earth is a typo.
    public static let reach = NumberRule.nonNegative(max: 1e10, note: "more people than live on Earth")
    /// A cost, effort or job size: more than 0; beyond a billion it is a typo, and the arithmetic
    /// could leave the range of finite numbers.
    public static let amount = NumberRule.positive(max: 1e9)
    /// A part of a cost of delay: 0 or more, at most a billion.
    public static let share = NumberRule.nonNegative(max: 1e9)
    /// The longest id, in characters.
    public static let idLength = 200

    /// Whether `id` is short printable ASCII without spaces, as most ids are: such an id needs
    /// no look at its characters (blank, control characters, length in characters).
    static func isPlainID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= idLength && id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// The fields every model shares, then each registered model's own.
    public static let table = FieldTable([
        FieldSpec("id", .identifier(maxLength: idLength), "Unique across the backlog: how rankings, dependencies and the change log name the item", required: true),
        FieldSpec("title", .nullable(.text), "What the item is, in a line"),
        FieldSpec("status", .nullable(.choice(ItemStatus.allCases.map(\.rawValue))),
                  "open or in-progress items are ranked; done and dropped ones are not (default open)"),
        FieldSpec("objectives", .nullable(.map(.number(contribution))),
                  "Mission objective id -> how much the item serves it, 0..1"),
        FieldSpec("need", .perGroup(need),
                  "How severe the need is, 1..5: one figure, or one per reached group; a figure or a range {low, likely, high}"),
        FieldSpec("reach", .perGroup(reach),
                  "People reached, per beneficiary group (one figure counts as the group 'general'); a figure or a range"),
        FieldSpec("confidence", .estimate(confidence), "How sure the team is of these estimates, 0..1 (default: the config's)"),
        FieldSpec("cost", .estimate(amount), "What it takes, in the config's cost unit; more than 0"),
        FieldSpec("depends_on", .nullable(.list(.text)), "Ids of the items that must be done first"),
        FieldSpec("tags", .nullable(.list(.text)), "Free labels"),
        FieldSpec("owner", .nullable(.text), "Who looks after it"),
        FieldSpec("funding", .nullable(.choice(FundingPin.allCases.map(\.rawValue))),
                  "For a budget plan: must (always funded, with what it depends on) or never; leave it out for the plan to choose"),
        FieldSpec("description", .anything, "Free text"),
        FieldSpec("notes", .anything, "Free text"),
        FieldSpec("links", .anything, "Free text or a list of links"),
    ] + ScoringModelKind.modelFields.map { FieldSpec($0.name, $0.shape, $0.summary) })

    /// A file holding several items: `items:` with a list of them.
    public static let multiItem = FieldTable([
        FieldSpec("items", .list(.object(table)), "The file's items, each with its own id", required: true),
    ])
}
