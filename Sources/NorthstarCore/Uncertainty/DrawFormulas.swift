/// The uncertain items' score formulas laid out flat for the draws: one array per part of a
/// formula instead of several small arrays per item, so a draw walks 100,000 formulas without
/// a reference count, an allocation or a pointer to chase per item, and they take a few
/// megabytes instead of tens. Draws and evaluates exactly as sampling each input of an
/// `UncertainScore` in turn and calling its `evaluate` (the same operations in the same order).
struct DrawFormulas: Sendable {
    /// Per formula, where its inputs start in `points` and `distributionIndex` (one more entry at the end).
    private var inputStart: [Int] = [0]
    /// Each input's point, and where its distribution is in `distributions` (-1: certain).
    /// Most inputs are certain, so only the ranged ones take room for a distribution.
    private var points: [Double] = []
    private var distributionIndex: [Int32] = []
    private var distributions: [PERTDistribution.Sampler] = []
    /// Per formula: its factor and reach scale.
    private var factor: [Double] = [], scale: [ReachScale] = []
    /// Per formula, where its terms start; per term, its weight and where its inputs start in
    /// `termInputs` (each an input of the formula, counted from its first).
    private var termStart: [Int] = [0]
    private var termWeight: [Double] = []
    private var termInputStart: [Int] = [0]
    private var termInputs: [Int] = []
    /// Per formula, where its multipliers start in `multipliers`, and its divisor (-1: none).
    private var multiplierStart: [Int] = [0]
    private var multipliers: [Int] = []
    private var divisor: [Int] = []
    /// The most inputs any formula has: the size of a draw's scratch space.
    private(set) var widest = 0

    /// `formulas`, in order.
    init(_ formulas: [UncertainScore]) {
        // Sized up front: grown by doubling, the arrays held up to twice the room they use
        // for as long as the draws ran.
        var inputs = 0, ranged = 0, terms = 0, termInputCount = 0, multiplierCount = 0
        for f in formulas {
            inputs += f.inputs.count
            for input in f.inputs where PERTDistribution(input) != nil { ranged += 1 }
            terms += f.terms.count
            for t in f.terms { termInputCount += t.inputs.count }
            multiplierCount += f.multipliers.count
        }
        inputStart.reserveCapacity(formulas.count + 1)
        points.reserveCapacity(inputs)
        distributionIndex.reserveCapacity(inputs)
        distributions.reserveCapacity(ranged)
        factor.reserveCapacity(formulas.count)
        scale.reserveCapacity(formulas.count)
        termStart.reserveCapacity(formulas.count + 1)
        termWeight.reserveCapacity(terms)
        termInputStart.reserveCapacity(terms + 1)
        termInputs.reserveCapacity(termInputCount)
        multiplierStart.reserveCapacity(formulas.count + 1)
        multipliers.reserveCapacity(multiplierCount)
        divisor.reserveCapacity(formulas.count)
        for f in formulas {
            for input in f.inputs {
                points.append(input.point)
                if let d = PERTDistribution(input) {
                    distributionIndex.append(Int32(truncatingIfNeeded: distributions.count))
                    distributions.append(PERTDistribution.Sampler(d))
                } else {
                    distributionIndex.append(-1)
                }
            }
            inputStart.append(points.count)
            widest = max(widest, f.inputs.count)
            factor.append(f.factor)
            scale.append(f.scale)
            for t in f.terms {
                termWeight.append(t.weight)
                termInputs += t.inputs
                termInputStart.append(termInputs.count)
            }
            termStart.append(termWeight.count)
            multipliers += f.multipliers
            multiplierStart.append(multipliers.count)
            divisor.append(f.divisor ?? -1)
        }
    }

    /// How many formulas there are.
    var count: Int { factor.count }

    /// Formula `u`'s value and cost when each of its ranged inputs is drawn from `stream`, in
    /// order (`scratch` holds at least `widest` numbers).
    func draw(_ u: Int, _ stream: inout DrawStream, scratch values: inout [Double]) -> (value: Double, cost: Double) {
        let first = inputStart[u], end = inputStart[u + 1]
        for k in first..<end {
            let d = Int(distributionIndex[k])
            values[k - first] = d >= 0 ? distributions[d].sample(&stream) : points[k]
        }
        var sum = 0.0
        for t in termStart[u]..<termStart[u + 1] {
            // Inputs first, then the weight, as `UncertainScore.evaluate` multiplies.
            var product = 1.0
            for k in termInputStart[t]..<termInputStart[t + 1] { product *= values[termInputs[k]] }
            sum += product * termWeight[t]
        }
        var value = factor[u] * scale[u].apply(sum)
        for k in multiplierStart[u]..<multiplierStart[u + 1] { value *= values[multipliers[k]] }
        return (value, divisor[u] >= 0 ? values[divisor[u]] : 1)
    }
}
