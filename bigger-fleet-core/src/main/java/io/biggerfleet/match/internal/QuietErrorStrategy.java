package io.biggerfleet.match.internal;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;

/**
 * ANTLR's recovery, without the English messages it would build only for {@link SyntaxErrors} to
 * replace them: the listener gets the offending token and {@code "missing"} or {@code ""}.
 */
final class QuietErrorStrategy extends DefaultErrorStrategy {
  @Override
  protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
    recognizer.notifyErrorListeners(e.getOffendingToken(), "", e);
  }

  @Override
  protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
    recognizer.notifyErrorListeners(e.getOffendingToken(), "", e);
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    recognizer.notifyErrorListeners(recognizer.getCurrentToken(), "", null);
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    Token t = recognizer.getCurrentToken();
    recognizer.notifyErrorListeners(t, "missing ", null);
  }
}
