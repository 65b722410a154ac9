-- | SQLite statements.  Expressions come from "Lensql.Parser.Common";
-- statement forms follow the SQLite grammar.
module Lensql.Parser.Sqlite
  ( parseStatement
  , pInsert
  ) where

import Lensql.Parser.Common
import Lensql.Parser.Lexer (lexSql)
import Lensql.Syntax
import Lensql.Types (LensqlError)
import qualified Lensql.Parser.Postgres as Pg

parseStatement :: FilePath -> String -> Either LensqlError Statement
parseStatement file src = lexSql file src >>= runP pStatement file

pStatement :: P Statement
pStatement = do
  ins <- optionalP (keyword "INSERT")
  case ins of
    Just () -> pInsert
    Nothing -> Pg.pStatement

-- | INSERT [OR REPLACE] INTO t (cols) VALUES (...) [ON CONFLICT ...]
pInsert :: P Statement
pInsert = do
  _ <- optionalP (keyword "OR" >> identifier)
  keyword "INTO"
  t <- identifier
  cols <- symbol "(" *> sepBy1 identifier "," <* symbol ")"
  keyword "VALUES"
  rows <- sepBy1 (symbol "(" *> sepBy1 pExpr "," <* symbol ")") ","
  _ <- optionalP upsert
  pure (Insert t cols rows [])
  where
    upsert = do
      keyword "ON"
      keyword "CONFLICT"
      keyword "DO"
      identifier
