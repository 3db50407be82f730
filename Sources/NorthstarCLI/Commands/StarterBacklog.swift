/// The starter config and backlog `northstar init` writes: small, valid, and commented so a
/// team can edit it into its own.
enum StarterBacklog {
    static let config = """
        # yaml-language-server: $schema=schemas/config.schema.json
        # Northstar config: what your organisation is for, and how to weigh work against it.
        # Relative paths are relative to this file.
        mission: Everyone we serve can get the help they need, when they need it.
        backlog: backlog          # folder of backlog items (*.yaml, searched recursively)
        output: rankings          # where ranking.json, ranking.csv, RANKING.md... are written
        cost_unit: person-weeks

        objectives:               # mission objectives and their relative weights
          access:    {weight: 3, name: Access to services, metric: people served per month}
          wellbeing: {weight: 2, name: Wellbeing}
          capacity:  {weight: 1, name: Organisational capacity}

        equity:                   # how much one person reached counts, by beneficiary group
          groups: {low-income: 2.0, disabled: 2.0, rural: 1.5, general: 1.0}
          default: 1.0

        scoring:
          model: impact           # impact | rice | wsjf
          reach_scale: linear     # linear | sqrt | log
          default_confidence: 0.5

        formats: [json, csv, markdown, html]
        watch: {settle_ms: 150, max_delay_ms: 2000}

        """

    static let files: [(String, String)] = [
        ("backlog/intake/online-referral-form.yaml", """
            # yaml-language-server: $schema=../../schemas/backlog.schema.json
            id: IN-1
            title: Online referral form for partner agencies
            status: open
            objectives: {access: 0.8, capacity: 0.4}
            need: 3                       # 1 (mild) .. 5 (critical)
            reach:                        # people reached per year, by group
              low-income: 400
              general: 300
            confidence: 0.7               # 0..1: how sure we are of these numbers
            cost: 4                       # person-weeks
            owner: sam

            """),
        ("backlog/outreach/home-visits.yaml", """
            # yaml-language-server: $schema=../../schemas/backlog.schema.json
            id: OUT-1
            title: Home visits for housebound clients
            objectives: {access: 0.9, wellbeing: 0.6}
            need: {disabled: 5, rural: 4}  # need can differ by group
            reach:
              disabled: 60
              rural: {low: 20, likely: 35, high: 60}   # a range: likely is used for ranking
            confidence: 0.6
            cost: 6
            depends_on: [IN-1]

            """),
        ("backlog/operations/volunteer-rota.yaml", """
            # yaml-language-server: $schema=../../schemas/backlog.schema.json
            items:                        # several items in one file
              - id: OPS-1
                title: Shared volunteer rota
                objectives: {capacity: 0.9}
                need: 2
                reach: 120
                cost: 2
              - id: OPS-2
                title: Paper sign-in sheets
                status: done
                objectives: {capacity: 0.3}
                need: 1
                reach: 50
                cost: 1

            """),
    ]
}
