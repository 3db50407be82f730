/// The registration of the scoring models: for each question the rest of Northstar asks of a
/// model — how to score an item, which fields it reads, what it needs, how it reads in
/// `RANKING.md`, `explain`, `ranking.json`, `ranking.csv` and the change log — the one line
/// that hands it to the model's own file (`ImpactModel`, `RICEModel`, `WSJFModel`). A new model
/// is a file of its own plus a line in each switch here (and its case in `ScoringModelKind` and
/// `Factors`).
extension ScoringModelKind {
    /// The item's score and factors under this model.
    func score(_ item: Item, context: ScoringContext) -> ScoredItem {
        switch self {
        case .impact: return ImpactModel.score(item, context: context)
        case .rice: return RICEModel.score(item, config: context.config)
        case .wsjf: return WSJFModel.score(item)
        }
    }

    /// The fields an open item lacks for this model to score it.
    func missingInputs(_ item: Item) -> [String] {
        switch self {
        case .impact: return ImpactModel.missingInputs(item)
        case .rice: return RICEModel.missingInputs(item)
        case .wsjf: return WSJFModel.missingInputs(item)
        }
    }

    /// The formula in words, for `RANKING.md`.
    func formulaMarkdown(_ config: Config) -> String {
        switch self {
        case .impact: return ImpactModel.formulaMarkdown(config)
        case .rice: return RICEModel.formulaMarkdown
        case .wsjf: return WSJFModel.formulaMarkdown
        }
    }

    /// The item fields only some model reads (whichever model the config names: a backlog
    /// may carry fields for another).
    static let modelFields = RICEModel.fields + WSJFModel.fields

    /// Reads `key` into `item` when it is a model's own field; false otherwise.
    static func readModelField(_ key: String, _ value: YAMLNode, into item: inout Item, fields: inout FieldReader) -> Bool {
        RICEModel.read(key, value, into: &item, fields: &fields) || WSJFModel.read(key, value, into: &item, fields: &fields)
    }
}

extension Factors {
    /// The formula with the item's numbers, for `explain`.
    func explainFormula(_ s: ScoredItem, config: Config) -> String {
        switch self {
        case .impact(let f): return ImpactModel.explainFormula(s, f, config: config)
        case .rice(let f): return RICEModel.explainFormula(s, f)
        case .wsjf(let f): return WSJFModel.explainFormula(s, f)
        }
    }

    /// How `top` (these factors) compares with `bottom` factor by factor, and what it has that
    /// `bottom` lacks; nil when the two were scored by different models.
    static func comparisons(_ top: ScoredItem, over bottom: ScoredItem, config: Config) -> (factors: [FactorComparison], extras: [String])? {
        switch (top.factors, bottom.factors) {
        case (.impact(let a), .impact(let b)): return ImpactModel.comparisons(top, a, over: bottom, b, config: config)
        case (.rice(let a), .rice(let b)): return (RICEModel.comparisons(a, over: b), [])
        case (.wsjf(let a), .wsjf(let b)): return (WSJFModel.comparisons(a, over: b), [])
        default: return nil
        }
    }

    /// The factors' fields inside `ranking.json`'s `factors` object.
    func appendJSON(to w: inout JSONTextWriter) {
        switch self {
        case .impact(let f): ImpactModel.appendJSON(f, to: &w)
        case .rice(let f): RICEModel.appendJSON(f, to: &w)
        case .wsjf(let f): WSJFModel.appendJSON(f, to: &w)
        }
    }

    /// The inputs the change log compares (besides need and dependencies).
    func changeLogInputs(_ s: ScoredItem, into inputs: inout [String: String]) {
        switch self {
        case .impact(let f): ImpactModel.changeLogInputs(s, f, into: &inputs)
        case .rice(let f): RICEModel.changeLogInputs(f, into: &inputs)
        case .wsjf(let f): WSJFModel.changeLogInputs(f, into: &inputs)
        }
    }

    /// The CSV's alignment, weighted need-reach and confidence cells (nil: the model has none).
    var csvFigures: (alignment: Double?, weightedNeedReach: Double?, confidence: Double?) {
        switch self {
        case .impact(let f): return (f.alignment, f.weightedNeedReach, f.confidence)
        case .rice(let f): return (nil, nil, f.confidence)
        case .wsjf: return (nil, nil, nil)
        }
    }
}
