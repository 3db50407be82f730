/// Which scoring model ranks the backlog, as `scoring.model` names it.
///
/// The registered models are listed once, in `registered`: adding a model is a file of its
/// own conforming to `ScoringModel` (with its `ScoringModelKind` constant) plus its name in
/// that list. Everything else asks the model.
public struct ScoringModelKind: Sendable, Hashable, CustomStringConvertible {
    /// The models Northstar knows, in the order `scoring.model`'s error message lists them.
    public static let registered: [ScoringModelKind] = [.impact, .rice, .wsjf]

    /// The model itself.
    public let model: any ScoringModel

    /// A kind for `model`.
    public init(_ model: any ScoringModel) { self.model = model }

    /// The registered model named `rawValue`, if any.
    public init?(rawValue: String) {
        guard let kind = Self.registered.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = kind
    }

    /// Every registered model.
    public static var allCases: [ScoringModelKind] { registered }

    /// The name under `scoring.model`.
    public var rawValue: String { model.name }
    /// The name under `scoring.model`.
    public var description: String { model.name }

    /// Kinds are the same model when their names are.
    public static func == (a: ScoringModelKind, b: ScoringModelKind) -> Bool { a.rawValue == b.rawValue }
    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// The item's score and factors under this model.
    func score(_ item: Item, context: ScoringContext) -> ScoredItem { model.score(item, context: context) }

    /// The fields an open item lacks for this model to score it.
    func missingInputs(_ item: Item) -> [String] { model.missingInputs(item) }

    /// The formula in words, for `RANKING.md`.
    func formulaMarkdown(_ config: Config) -> String { model.formulaMarkdown(config) }

    /// The item fields only some model reads, in registration order without repeats (whichever
    /// model the config names: a backlog may carry fields for another).
    static let modelFields: [ModelField] = {
        var seen = Set<String>()
        return registered.flatMap(\.model.itemFields).filter { seen.insert($0.name).inserted }
    }()

    /// Their names.
    static let modelFieldNames = modelFields.map(\.name)

    /// Reads `key` into `item` when it is a model's own field; false otherwise.
    static func readModelField(_ key: String, _ value: YAMLNode, into item: inout Item, fields: inout FieldReader) -> Bool {
        guard let field = modelFields.first(where: { $0.name == key }) else { return false }
        if let estimate = field.read(value, &fields) { item.modelInputs[key] = estimate }
        return true
    }
}

extension Factors {
    /// The model that produced these factors (falling back to `config`'s for unregistered names).
    func model(_ config: Config) -> any ScoringModel {
        switch self {
        case .impact: return ImpactModel()
        case .figures(let f): return ScoringModelKind(rawValue: f.model)?.model ?? config.model.model
        }
    }

    /// The formula with the item's numbers, for `explain`.
    func explainFormula(_ s: ScoredItem, config: Config) -> String {
        model(config).explainFormula(s, config: config)
    }

    /// How `top` (these factors) compares with `bottom` factor by factor, and what it has that
    /// `bottom` lacks; nil when the two were scored by different models.
    static func comparisons(_ top: ScoredItem, over bottom: ScoredItem, config: Config) -> (factors: [FactorComparison], extras: [String])? {
        top.factors.model(config).comparisons(top, over: bottom, config: config)
    }

    /// The factors' fields inside `ranking.json`'s `factors` object.
    func appendJSON(to w: inout JSONTextWriter) {
        switch self {
        case .impact(let f): ImpactModel.appendJSON(f, to: &w)
        case .figures(let f): for figure in f.figures { w.field(named: figure.name, figure.value) }
        }
    }

    /// The inputs the change log compares (besides need and dependencies).
    func changeLogInputs(_ s: ScoredItem, into inputs: inout [String: String]) {
        switch self {
        case .impact(let f): ImpactModel.changeLogInputs(s, f, into: &inputs)
        case .figures(let f): for figure in f.figures { inputs[figure.name] = NumberFormat.json(figure.value) }
        }
    }

    /// The CSV's alignment, weighted need-reach and confidence cells (nil: the model has none).
    var csvFigures: (alignment: Double?, weightedNeedReach: Double?, confidence: Double?) {
        switch self {
        case .impact(let f): return (f.alignment, f.weightedNeedReach, f.confidence)
        case .figures(let f): return (nil, nil, f.has("confidence") ? f["confidence"] : nil)
        }
    }
}
