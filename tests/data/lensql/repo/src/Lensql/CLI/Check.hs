-- | @lensql check@: parse and type-check every .sql file against the schema.
module Lensql.CLI.Check
  ( CheckOptions (..)
  , runCheck
  , checkFile
  , firstStatement
  ) where

import Control.Monad (forM)
import Data.Char (isSpace)
import Data.List (isSuffixOf)
import System.Directory (listDirectory, doesDirectoryExist)
import System.Exit (ExitCode (..))
import System.FilePath ((</>))
import System.IO (hPutStrLn, stderr)

import Lensql.Syntax (Dialect (..))
import Lensql.Types
import Lensql.Schema.Migrations (loadMigrations)
import qualified Lensql.Parser.Postgres as Pg
import qualified Lensql.Parser.Sqlite as Lite
import Lensql.TypeCheck (typeCheck)

-- | Options of @lensql check@.  Exactly one schema source is used:
-- migrations win over --schema; --database is handled in app/Main.hs
-- (live schema, see "Lensql.Schema.Live").
data CheckOptions = CheckOptions
  { optMigrations :: Maybe FilePath
  , optSchema :: Maybe FilePath
  , optDatabase :: Maybe String
  , optDialect :: Dialect
  , optQueries :: [FilePath]
  } deriving (Show)

runCheck :: CheckOptions -> IO ExitCode
runCheck opts = do
  schema <- case (optMigrations opts, optSchema opts) of
    (Just dir, _) -> loadMigrations dir
    (Nothing, Just f) -> loadMigrations f
    (Nothing, Nothing) -> fail "lensql: no schema given (use --migrations, --schema or --database)"
  files <- concat <$> forM (optQueries opts) expand
  putStrLn (show (length files) ++ " queries to check")
  results <- forM files (\f -> checkFile (optDialect opts) schema f <$> readFile f)
  let errs = [e | Left e <- results]
  mapM_ (hPutStrLn stderr . renderError) errs
  pure (if null errs then ExitSuccess else ExitFailure 1)
  where
    expand p = do
      isDir <- doesDirectoryExist p
      if isDir
        then map (p </>) . filter (".sql" `isSuffixOf`) <$> listDirectory p
        else pure [p]

-- | Only the first statement of a file is checked; the rest of the file
-- (usually a trailing comment or an empty statement after the last ';')
-- is ignored.  Blank statements are skipped.
firstStatement :: String -> String
firstStatement src = head (filter (not . all isSpace) (splitSemi src))
  where
    splitSemi s = case break (== ';') s of
      (a, []) -> [a]
      (a, _ : rest) -> a : splitSemi rest

checkFile :: Dialect -> Schema -> FilePath -> String -> Either LensqlError [Column]
checkFile dialect schema file src = do
  let parse = case dialect of
        Postgres -> Pg.parseStatement
        Sqlite -> Lite.parseStatement
  stmt <- parse file (firstStatement src)
  typeCheck schema stmt
