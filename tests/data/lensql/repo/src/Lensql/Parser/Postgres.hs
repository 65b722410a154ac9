-- | PostgreSQL statements.
module Lensql.Parser.Postgres
  ( parseStatement
  , pStatement
  , pInsert
  ) where

import Lensql.Parser.Common
import Lensql.Parser.Lexer (lexSql)
import Lensql.Syntax
import Lensql.Types (LensqlError)

parseStatement :: FilePath -> String -> Either LensqlError Statement
parseStatement file src = lexSql file src >>= runP pStatement file

pStatement :: P Statement
pStatement = do
  sel <- optionalP (keyword "SELECT")
  case sel of
    Just () -> pSelect
    Nothing -> do
      ins <- optionalP (keyword "INSERT")
      case ins of
        Just () -> pInsert
        Nothing -> do
          upd <- optionalP (keyword "UPDATE")
          case upd of
            Just () -> pUpdate
            Nothing -> keyword "DELETE" >> pDelete

pSelect :: P Statement
pSelect = do
  items <- pSelectItems
  from <- optionalP (keyword "FROM" >> sepBy1 pFromItem ",")
  wh <- optionalP (keyword "WHERE" >> pExpr)
  pure (Select items (maybe [] id from) wh)

-- | INSERT INTO t (cols) VALUES (...) [ON CONFLICT ...] [RETURNING ...]
pInsert :: P Statement
pInsert = do
  keyword "INTO"
  t <- identifier
  cols <- symbol "(" *> sepBy1 identifier "," <* symbol ")"
  keyword "VALUES"
  rows <- sepBy1 (symbol "(" *> sepBy1 pExpr "," <* symbol ")") ","
  _ <- optionalP pOnConflict
  ret <- optionalP (keyword "RETURNING" >> pSelectItems)
  pure (Insert t cols rows (maybe [] id ret))

pOnConflict :: P ()
pOnConflict = do
  keyword "ON"
  keyword "CONFLICT"
  _ <- optionalP (symbol "(" *> sepBy1 identifier "," <* symbol ")")
  keyword "DO"
  _ <- optionalP (keyword "UPDATE" >> keyword "SET" >> sepBy1 assignment ",")
  pure ()
  where
    assignment = do
      c <- identifier
      symbol "="
      e <- pExpr
      pure (c, e)

-- | UPDATE t SET c = e, ... [WHERE ...].  No UPDATE ... FROM yet.
pUpdate :: P Statement
pUpdate = do
  t <- identifier
  keyword "SET"
  sets <- sepBy1 assignment ","
  wh <- optionalP (keyword "WHERE" >> pExpr)
  pure (Update t sets wh)
  where
    assignment = do
      c <- identifier
      symbol "="
      e <- pExpr
      pure (c, e)

pDelete :: P Statement
pDelete = do
  keyword "FROM"
  t <- identifier
  using <- optionalP (keyword "USING" >> sepBy1 pFromItem ",")
  wh <- optionalP (keyword "WHERE" >> pExpr)
  pure (Delete t (maybe [] id using) wh)
