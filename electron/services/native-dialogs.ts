// The questions only main may ask (Electron's native dialogs): whether keys may be kept without a keychain,
// and which folder holds the schemas. The composition root passes an implementation; the browser host has none.

export interface NativeDialogs {
  /** Shows the warning and answers true only when the person chose to accept it. */
  confirmWeakKeyStorage(warning: string): Promise<boolean>;
  /** A folder the person picked, or undefined when they cancelled. */
  chooseFolder(title: string, current?: string): Promise<string | undefined>;
}
