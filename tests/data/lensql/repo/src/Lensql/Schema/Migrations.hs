-- | Build a schema by replaying migration files in order.
module Lensql.Schema.Migrations
  ( loadMigrations
  , sortMigrations
  , applyMigration
  , parseCreateTable
  ) where

import Control.Exception (throwIO, ErrorCall (..))
import Data.Char (isDigit, isSpace, toLower)
import Data.List (isPrefixOf, isSuffixOf, sortOn)
import qualified Data.Map.Strict as Map
import System.Directory (listDirectory)
import System.FilePath ((</>), takeFileName)

import Lensql.Types

-- | Load every @.sql@ file of a directory, in migration order.
loadMigrations :: FilePath -> IO Schema
loadMigrations dir = do
  files <- filter (".sql" `isSuffixOf`) <$> listDirectory dir
  foldl step (pure Map.empty) (sortMigrations files)
  where
    step acc f = do
      schema <- acc
      src <- readFile (dir </> f)
      case applyMigration (dir </> f) src schema of
        Right s -> pure s
        Left err -> throwIO (ErrorCall (renderError err))

-- | Order migration files.  Accepts @0001_init.sql@ and Flyway style
-- @V1__init.sql@: the leading @V@ is stripped and the rest compared.
sortMigrations :: [FilePath] -> [FilePath]
sortMigrations = sortOn key
  where
    key f = case takeFileName f of
      ('V' : rest) | startsWithDigit rest -> rest
      other -> other
    startsWithDigit (c : _) = isDigit c
    startsWithDigit [] = False

-- | Apply the CREATE TABLE / ALTER TABLE statements of one migration.
applyMigration :: FilePath -> String -> Schema -> Either LensqlError Schema
applyMigration file src schema = foldl apply (Right schema) (statements src)
  where
    apply acc stmt = acc >>= \s -> applyOne s stmt
    applyOne s stmt
      | "create table" `isPrefixOf` lower stmt = do
          t <- parseCreateTable file stmt
          pure (Map.insert (tableName t) t s)
      | "create index" `isPrefixOf` lower stmt =
          let target = indexTarget stmt
          in if Map.member target s
               then Right s
               else error ("lensql: relation " ++ show target ++ " does not exist (while applying " ++ takeFileName file ++ ")")
      | otherwise = Right s
    lower = map toLower

statements :: String -> [String]
statements = filter (not . all isSpace) . splitOn ';'
  where
    splitOn c s = case break (== c) s of
      (a, []) -> [a]
      (a, _ : rest) -> a : splitOn c rest

indexTarget :: String -> String
indexTarget stmt = case dropWhile (/= "on") (words (map toLower stmt)) of
  (_ : t : _) -> takeWhile (/= '(') t
  _ -> ""

-- | Parse @create table name (col type [not null], ...)@.
parseCreateTable :: FilePath -> String -> Either LensqlError Table
parseCreateTable file stmt =
  let ws = words (map toLower stmt)
      name = case ws of
        (_ : _ : n : _) -> takeWhile (/= '(') n
        _ -> ""
      body = takeWhile (/= ')') (drop 1 (dropWhile (/= '(') stmt))
      defs = map (dropWhile isSpace) (splitComma body)
  in Table name <$> traverse (column name) (filter (not . null) defs)
  where
    splitComma s = case break (== ',') s of
      (a, []) -> [a]
      (a, _ : rest) -> a : splitComma rest
    column tname def = case words def of
      (c : ty : rest) -> case mapSqlType ty of
        Just t -> Right (Column c t (not (isNotNull rest)))
        Nothing -> Left (UnknownColumnType ty tname file 1 1)
      _ -> Left (ParseError file 1 1 ("bad column definition " ++ show def))
    isNotNull rest = "not null" `isPrefixOf` unwords (map (map toLower) rest)
                     || "primary" `elem` map (map toLower) rest
