/// A scoring formula and everything Northstar says about it: the item fields it reads, what an
/// open item needs for a score, the score itself, and the formula in words for `RANKING.md` and
/// with an item's numbers for `explain`. Each model lives in one file (`ImpactModel`,
/// `RICEModel`, `WSJFModel`) and is registered in `ScoringModelKind.registered`.
public protocol ScoringModel: Sendable {
    /// The name teams write under `scoring.model`.
    var name: String { get }
    /// The item fields only this model reads (a backlog may carry fields for another model).
    var itemFields: [ModelField] { get }
    /// Whether an item must serve a mission objective to score above 0 (a warning otherwise).
    var readsObjectives: Bool { get }

    /// The item's score, and the factors that explain it.
    func score(_ item: Item, context: ScoringContext) -> ScoredItem
    /// The fields an open item lacks for this model to score it.
    func missingInputs(_ item: Item) -> [String]
    /// The settings shown beside the model's name in `RANKING.md` (" (reach scale: sqrt)"), or "".
    func settingsNote(_ config: Config) -> String
    /// The formula in words, for `RANKING.md` and the README.
    func formulaMarkdown(_ config: Config) -> String
    /// The formula with the item's own numbers, for `explain`.
    func explainFormula(_ scored: ScoredItem, config: Config) -> String
    /// How `top` compares with `bottom` factor by factor, and what `top` has that `bottom` lacks
    /// altogether; nil when this model did not score both.
    func comparisons(_ top: ScoredItem, over bottom: ScoredItem, config: Config) -> (factors: [FactorComparison], extras: [String])?
    /// The item's score as a formula over its estimates, for the uncertainty analysis; nil when
    /// the model cannot say (the item's score is then taken as certain).
    func uncertainScore(_ item: Item, context: ScoringContext) -> UncertainScore?
}

extension ScoringModel {
    /// Most models read only their own fields.
    public var readsObjectives: Bool { false }
    /// A model that does not say how its score follows from its estimates has certain scores.
    public func uncertainScore(_ item: Item, context: ScoringContext) -> UncertainScore? { nil }
    /// Most models have no settings of their own.
    public func settingsNote(_ config: Config) -> String { "" }

    /// The named figures this model scored `s` with; nil when another model scored it.
    public func figures(of s: ScoredItem) -> ModelFigures? {
        guard case .figures(let f) = s.factors, f.model == name else { return nil }
        return f
    }
}

/// An item field that only some scoring model reads (`effort`, `job_size`): its name and how
/// its value is read and checked. The value is kept as an estimate in `Item.modelInputs`.
public struct ModelField: Sendable {
    /// The field's name in a backlog file.
    public let name: String
    /// What it may hold (for the JSON Schema of backlog files).
    public let shape: FieldShape
    /// What it means, for a person.
    public let summary: String
    /// Reads the field's value, reporting problems at their location; nil when it is unusable.
    let read: @Sendable (YAMLNode, inout FieldReader) -> Estimate?
    /// What `read` accepts without a word, stated so the fast reading of clean files
    /// (`EventItemReader`) can accept exactly that; nil when only `read` can tell, and then
    /// every file that writes the field is read through `read`.
    let clean: CleanValue?

    /// What a model field's reader accepts without a diagnostic.
    enum CleanValue: Sendable {
        /// A figure or a range, each written value within the rule.
        case estimate(NumberRule)
        /// One plain figure out of a fixed scale.
        case figure(in: [Double])
    }

    /// A field of `shape` read by `read`, which accepts `clean` without a word (nil when that
    /// cannot be said in those terms).
    init(_ name: String, shape: FieldShape, summary: String, clean: CleanValue?,
         read: @escaping @Sendable (YAMLNode, inout FieldReader) -> Estimate?) {
        self.name = name
        self.shape = shape
        self.summary = summary
        self.clean = clean
        self.read = read
    }

    /// A number or a range, each written value within `rule`.
    static func estimate(_ name: String, _ rule: NumberRule, summary: String) -> ModelField {
        ModelField(name, shape: .estimate(rule), summary: summary, clean: .estimate(rule)) { node, fields in
            fields.estimate(node, field: name, check: rule.problem)
        }
    }
}

/// The inputs an item carries for the models that read fields of their own, by field name.
/// Few per item (RICE reads two, WSJF four), so a short list in field-name order.
public struct ModelInputs: Sendable, Hashable {
    private var entries: [Entry] = []
    private struct Entry: Sendable, Hashable { var field: String; var estimate: Estimate }

    /// No inputs.
    public init() {}

    /// The estimate written for `field`, if any.
    public subscript(field: String) -> Estimate? {
        get { entries.first { $0.field == field }?.estimate }
        set {
            if let index = entries.firstIndex(where: { $0.field == field }) {
                if let newValue { entries[index].estimate = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                // Kept in field order, so equal inputs compare equal whatever order they were read in.
                let at = entries.firstIndex { $0.field > field } ?? entries.count
                entries.insert(Entry(field: field, estimate: newValue), at: at)
            }
        }
    }

    /// Whether any input is a range.
    public var hasRanges: Bool { entries.contains { $0.estimate.isRange } }
}

/// The factors of a model whose score is a few named figures (RICE, WSJF): the figures in the
/// order `ranking.json` lists them; the change log compares each one.
public struct ModelFigures: Sendable, Hashable {
    /// One named figure of a score.
    public struct Figure: Sendable, Hashable {
        /// Its name in `ranking.json` and the change log (`reach`, `job_size`).
        public var name: String
        /// Its value.
        public var value: Double
    }

    /// The model that produced them (its `scoring.model` name).
    public var model: String
    /// The figures, in output order.
    public var figures: [Figure]

    /// Figures of `model`, as (name, value) pairs in output order.
    public init(model: String, _ pairs: KeyValuePairs<String, Double>) {
        self.model = model
        figures = pairs.map { Figure(name: $0.key, value: $0.value) }
    }

    /// The figure named `name` (0 when absent).
    public subscript(name: String) -> Double {
        figures.first { $0.name == name }?.value ?? 0
    }

    /// Whether there is a figure named `name`.
    public func has(_ name: String) -> Bool { figures.contains { $0.name == name } }
}
