/**
 * Shares one database read among concurrent callers without ever handing a caller a value read before
 * it asked. A caller arriving while a read is in flight waits for that read to end and then shares the
 * next one, started after everyone in it arrived. At 50 concurrent list requests on PostgreSQL that is
 * at most two generation queries at a time instead of fifty (each holding a pooled connection), and a
 * client that wrote and then reads still sees a generation from after its write.
 */
export class FreshReads<T> {
  readonly #load: () => Promise<T>;
  #inFlight: Promise<T> | undefined;
  #next: Promise<T> | undefined;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  read(): Promise<T> {
    if (this.#inFlight === undefined) return this.#start();
    this.#next ??= this.#inFlight.then(settled, settled).then(() => {
      this.#next = undefined;
      return this.#start();
    });
    return this.#next;
  }

  #start(): Promise<T> {
    const read = this.#load();
    this.#inFlight = read;
    const done = () => {
      if (this.#inFlight === read) this.#inFlight = undefined;
    };
    read.then(done, done);
    return read;
  }
}

function settled(): void {}
