/** A request the page should not have sent, or Discord's client would refuse: answered 400. */
export class PlaygroundError extends Error {
  override readonly name = "PlaygroundError";
}
