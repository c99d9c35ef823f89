/** What a first visitor sees before any result: what the dashboard does and what to do. */
export function Landing({ hasExample }: { hasExample: boolean }) {
  return (
    <section className="landing" data-testid="landing" aria-label="Getting started">
      <h2>See what a tariff does to the world economy</h2>
      <ol>
        <li>
          {hasExample ? "An example scenario is loaded in the editor on the left" : "Pick an example (or a dataset) on the left"}: a YAML file that names the data, the model and the
          policy phases (who taxes whom, and when).
        </li>
        <li>
          Press <strong>Run</strong> to solve it on the server and keep the run (download it, compare it), or <strong>Solve in browser</strong> to solve it here at once with the same
          model code.
        </li>
        <li>
          Then press <strong>What if…</strong> and move a tariff: the map, the bars and the tables re-price as the slider moves. <strong>Save as scenario</strong> keeps the variant.
        </li>
      </ol>
      <p>Blue is a gain for the country, red a loss (for prices, a rise is a loss); hover any number for its definition.</p>
    </section>
  );
}
