/*
 * The Bigger Fleet attribute-match language. See docs/expressions.md for the reference.
 *
 * Precedence, loosest first: or (||) < and (&&, or two terms side by side) < not (!) < a term.
 * Keywords are lower-case; attribute names are case-sensitive.
 */
grammar Match;

expression : orExpr EOF ;

orExpr  : andExpr (OR andExpr)* ;
andExpr : notExpr (AND? notExpr)* ;
notExpr : NOT notExpr      # negation
        | primary          # plain
        ;

primary : LPAREN orExpr RPAREN                                   # parens
        | (TRUE | FALSE)                                         # constant
        | EXISTS LPAREN attribute RPAREN                         # exists
        | operand compareOp value                                # compare
        | operand NOT? IN list                                   # inList
        | operand CONTAINS (value | list)                        # contains
        | operand LIKE value                                     # like
        | operand MATCHES value                                  # regex
        | attribute WITHIN value OF LPAREN value COMMA value RPAREN  # within
        ;

operand   : attribute                                                    # attrOperand
          | name=IDENT LPAREN (args+=arg (COMMA args+=arg)*)? RPAREN     # callOperand
          ;

arg       : STRING | WORD | TRUE | FALSE | attribute ;

attribute : (source=IDENT COLON)? (IDENT | QUOTED_NAME) ;

compareOp : EQ | NE | LT | LE | GT | GE ;

list  : LBRACK (value (COMMA value)*)? COMMA? RBRACK ;

value : STRING | WORD | IDENT | TRUE | FALSE ;

// ---- lexer ----
AND      : 'and' | '&&' ;
OR       : 'or' | '||' ;
NOT      : 'not' | '!' ;
IN       : 'in' ;
CONTAINS : 'contains' ;
LIKE     : 'like' ;
MATCHES  : 'matches' | '=~' ;
EXISTS   : 'exists' ;
WITHIN   : 'within' ;
OF       : 'of' ;
TRUE     : 'true' ;
FALSE    : 'false' ;

EQ : '==' | '=' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;

LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA  : ',' ;
COLON  : ':' ;

// A name: letters, digits, '_', '-', '.', after a letter or '_': Device-Name, pantavisor.arch.
IDENT : [a-zA-Z_] [a-zA-Z0-9_.\-]* ;

// A bare literal that starts with a digit (or a minus and a digit): 42, -76.12, 64M, 12h, 4.10.0-rc.1,
// 2026-01-01T00:00:00Z, 121XPs. The compiler decides what it is.
WORD : '-'? [0-9] [a-zA-Z0-9_.+:\-]* ;

STRING : '"' (ESC | ~["\\\r\n])* '"'
       | '\'' (ESC | ~['\\\r\n])* '\''
       ;

// Any attribute name, in backticks: `Serial Number`.
QUOTED_NAME : '`' ~[`\r\n]+ '`' ;

fragment ESC : '\\' . ;

WS : [ \t\r\n]+ -> skip ;

// Anything else is one bad character; the parser reports it with its position.
BAD : . ;
