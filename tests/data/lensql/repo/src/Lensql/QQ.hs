{-# LANGUAGE TemplateHaskell #-}
-- | The @[sql| ... |]@ and @[sqlite| ... |]@ quasi-quoters.
module Lensql.QQ
  ( sql
  , sqlite
  , sqlText
  , Query (..)
  , spliceLocation
  , loadSchemaQ
  ) where

import qualified Data.Map.Strict as Map
import Language.Haskell.TH
import Language.Haskell.TH.Quote
import Language.Haskell.TH.Syntax (addDependentFile, getQ, putQ, runIO)
import System.Directory (doesFileExist, makeAbsolute)
import System.Environment (lookupEnv)

import Lensql.Syntax (Dialect (..))
import Lensql.Types
import qualified Lensql.Parser.Postgres as Pg
import qualified Lensql.Parser.Sqlite as Lite
import Lensql.TypeCheck (typeCheck)
import Lensql.Schema.Migrations (applyMigration)

-- | A checked query.  The phantom type is the row type.
newtype Query row = Query { queryText :: String }

-- | Drop the row type, e.g. to hand the text to another library.
sqlText :: Query row -> String
sqlText = queryText

sql, sqlite :: QuasiQuoter
sql = quoter Postgres
sqlite = quoter Sqlite

quoter :: Dialect -> QuasiQuoter
quoter dialect = QuasiQuoter
  { quoteExp = checkAndEmbed dialect
  , quotePat = const (fail "lensql: [sql| |] can only be used as an expression")
  , quoteType = const (fail "lensql: [sql| |] can only be used as an expression")
  , quoteDec = const (fail "lensql: [sql| |] can only be used as an expression")
  }

checkAndEmbed :: Dialect -> String -> Q Exp
checkAndEmbed dialect src = do
  schema <- loadSchemaQ
  loc <- location
  let parsed = case dialect of
        Postgres -> Pg.parseStatement (loc_filename loc) src
        Sqlite -> Lite.parseStatement (loc_filename loc) src
  case parsed >>= typeCheck schema of
    Left err -> do
      let (l, c) = spliceLocation loc err
      fail (loc_filename loc ++ ":" ++ show l ++ ":" ++ show c ++ ": " ++ renderError err)
    Right _cols -> [| Query src |]

-- | Position of an error inside the quote, in file coordinates.
spliceLocation :: Loc -> LensqlError -> (Int, Int)
spliceLocation loc err = case err of
  ParseError _ l c _ -> (startLine + l, if l == 1 then startCol + c else c)
  _ -> (startLine, startCol)
  where
    (startLine, startCol) = loc_start loc

-- | Schema for the current module, read once and cached with putQ.
loadSchemaQ :: Q Schema
loadSchemaQ = do
  cached <- getQ
  case cached of
    Just (SchemaCache s) -> pure s
    Nothing -> do
      path <- runIO schemaPath
      exists <- runIO (doesFileExist path)
      if not exists
        then fail (renderError (SchemaFileError path "does not exist (No such file or directory)"))
        else do
          absPath <- runIO (makeAbsolute path)
          addDependentFile absPath
          s <- runIO (readSchemaFile path)
          putQ (SchemaCache s)
          pure s

newtype SchemaCache = SchemaCache Schema

schemaPath :: IO FilePath
schemaPath = maybe "db/schema.sql" id <$> lookupEnv "LENSQL_SCHEMA"

readSchemaFile :: FilePath -> IO Schema
readSchemaFile path = do
  src <- readFile path
  either (fail . renderError) pure (applyMigration path src Map.empty)
