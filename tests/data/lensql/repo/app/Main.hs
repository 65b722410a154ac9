module Main (main) where

import Options.Applicative
import System.Exit (exitWith)

import Lensql.CLI.Check
import Lensql.CodeGen (genModule)
import Lensql.Lint (LintOptions (..), runLint)
import Lensql.Schema.Migrations (loadMigrations)
import Lensql.Syntax (Dialect (..))

data Command
  = Check CheckOptions
  | Gen FilePath String
  | Lint LintOptions [FilePath]

main :: IO ()
main = do
  cmd <- execParser (info (commands <**> helper) (progDesc "Type-check SQL against a schema"))
  case cmd of
    Check opts -> runCheck opts >>= exitWith
    Gen dir modName -> loadMigrations dir >>= putStr . genModule modName
    Lint opts paths -> do
      files <- mapM (\p -> (,) p <$> readFile p) paths
      runLint opts files >>= exitWith

commands :: Parser Command
commands = hsubparser
  ( command "check" (info checkP (progDesc "Check queries"))
 <> command "gen" (info genP (progDesc "Generate Haskell records"))
 <> command "lint" (info lintP (progDesc "Lint .sql files"))
  )
  where
    checkP = fmap Check $ CheckOptions
      <$> optional (strOption (long "migrations" <> metavar "DIR"))
      <*> optional (strOption (long "schema" <> metavar "FILE"))
      <*> optional (strOption (long "database" <> metavar "URL"))
      <*> option dialectR (long "dialect" <> value Postgres)
      <*> many (argument str (metavar "QUERIES..."))
    genP = Gen
      <$> strOption (long "migrations" <> metavar "DIR")
      <*> strOption (long "module" <> value "Db.Tables")
    lintP = Lint
      <$> (LintOptions <$> switch (long "werror") <*> many (strOption (long "disable")))
      <*> many (argument str (metavar "FILES..."))
    dialectR = eitherReader $ \s -> case s of
      "postgres" -> Right Postgres
      "sqlite" -> Right Sqlite
      _ -> Left ("unknown dialect " ++ s)
